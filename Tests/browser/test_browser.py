"""Browser tests: Debian's headless Chromium, driven by Selenium, against a running `truc serve --demo`.

Run by scripts/test after `swift test`; needs the `truc` binary built (TRUC_BIN) and the server URL (TRUC_URL).
"""
import os
import re
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ.get("TRUC_URL", "http://127.0.0.1:8181")
SHOTS = os.environ.get("TRUC_SHOTS")


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=vi"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def shot(driver, name):
    if SHOTS:
        driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))


def click_and_wait(driver, element):
    """Clicks a link or button and waits until the next page has replaced this one and finished loading.

    The current page gets a marker on `window`; a new document has none. (Waiting for the old element to go
    stale is not reliable: chromedriver may answer mid-navigation with a generic inspector error.)
    """
    driver.execute_script("window.__trucPage = true")
    element.click()

    def loaded(d):
        try:
            return d.execute_script("return window.__trucPage === undefined && document.readyState === 'complete'")
        except WebDriverException:
            return False

    WebDriverWait(driver, 10).until(loaded)


def nav_to(driver, text):
    """Follows a link of the site navigation: opens the Menu (narrow screens) and the link's group first."""
    link = driver.find_element(By.XPATH, f"//nav[contains(@class, 'site-nav')]//a[normalize-space()='{text}']")
    if not link.is_displayed():
        nav = driver.find_element(By.CSS_SELECTOR, "nav.site-nav")
        if not nav.is_displayed():
            driver.find_element(By.CSS_SELECTOR, "label.menu-button").click()
        groups = link.find_elements(By.XPATH, "./ancestor::details[1]")
        if groups and not groups[0].get_attribute("open"):
            groups[0].find_element(By.TAG_NAME, "summary").click()
    click_and_wait(driver, link)


def sign_in(driver, email="dieuphoi@demo.truc.vn", password="demo-password"):
    driver.delete_all_cookies()
    driver.get(BASE + "/login")
    driver.find_element(By.NAME, "email").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))


def test_sign_in_shows_the_overview_in_vietnamese(browser):
    sign_in(browser)
    assert "Xin chào" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    shot(browser, "overview")


def test_wrong_password_is_refused_with_a_message(browser):
    sign_in(browser, password="not the password")
    assert "Sai email hoặc mật khẩu" in browser.page_source
    assert browser.current_url.endswith("/login")


def test_language_switch_to_english_and_back(browser):
    sign_in(browser)
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "header a.lang"))
    assert "Hello" in browser.find_element(By.TAG_NAME, "h1").text
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "header a.lang"))
    assert "Xin chào" in browser.find_element(By.TAG_NAME, "h1").text


def test_contact_directory_finds_vncert_without_accents(browser):
    sign_in(browser)
    browser.get(BASE + "/contacts")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("ung cuu khan cap")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button"))
    assert "ir@vncert.vn" in browser.page_source
    shot(browser, "contacts")


def test_unit_admin_adds_a_person_through_the_form(browser):
    sign_in(browser, "quantri.syt@demo.truc.vn")
    browser.get(BASE + "/units")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Sở Y tế"))
    form = browser.find_element(By.CSS_SELECTOR, "form[action$='/people']")
    form.find_element(By.NAME, "fullName").send_keys("Trương Văn Mới")
    form.find_element(By.NAME, "email").send_keys(f"moi.{int(time.time() * 1000)}@demo.truc.vn")
    form.find_element(By.NAME, "phone").send_keys("0912 999 000")
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "Trương Văn Mới" in browser.page_source
    shot(browser, "unit")


def test_unit_admin_cannot_open_another_unit(browser):
    sign_in(browser, "quantri.syt@demo.truc.vn")
    browser.get(BASE + "/units")
    assert "Sở Tài chính" not in browser.page_source
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a[href^='/units/'], a[href*='/units/']")]
    assert links, "the unit list shows the admin's own unit"


def test_campaign_pages_and_compliance_board(browser):
    sign_in(browser)
    browser.get(BASE + "/campaigns")
    shot(browser, "campaigns")
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "cuối năm")
    click_and_wait(browser, link)
    assert "1520/BTTTT-CATTT" in browser.page_source
    assert browser.find_elements(By.TAG_NAME, "table"), "the coordinator sees the compliance board"
    shot(browser, "campaign")


def test_roster_page_shows_the_gap(browser):
    sign_in(browser, "quantri.syt@demo.truc.vn")
    browser.get(BASE + "/")
    nav_to(browser, "Lịch trực")
    shot(browser, "roster")
    assert re.search(r"Lịch trực|Duty roster", browser.page_source)


def test_on_duty_now(browser):
    sign_in(browser)
    browser.get(BASE + "/on-duty")
    shot(browser, "on-duty")
    assert browser.find_element(By.TAG_NAME, "h1").text


def test_unit_reports_a_checklist_item_with_evidence(browser, tmp_path):
    evidence = tmp_path / "bien-ban-ra-soat.txt"
    evidence.write_text("Biên bản rà soát router/switch\n", encoding="utf-8")
    sign_in(browser, "quantri.stc@demo.truc.vn")
    browser.get(BASE + "/campaigns")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "cuối năm"))
    form = browser.find_elements(By.CSS_SELECTOR, "form[action$='/report']")[0]
    form.find_element(By.NAME, "status").send_keys("Có vướng mắc")
    form.find_element(By.NAME, "note").send_keys("Thiếu cán bộ trực đêm 30/4")
    form.find_element(By.NAME, "evidence").send_keys(str(evidence))
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    page = browser.page_source
    assert "Thiếu cán bộ trực đêm 30/4" in page
    assert "bien-ban-ra-soat.txt" in page
    assert "SHA-256" in page
    shot(browser, "campaign-report")


def test_unit_admin_adds_a_shift_and_sees_it_on_duty(browser):
    sign_in(browser, "quantri.stc@demo.truc.vn")
    nav_to(browser, "Lịch trực")
    form = browser.find_element(By.CSS_SELECTOR, "form[action$='/roster/shifts']")
    # datetime-local inputs: set the value directly (typing depends on the browser's locale).
    now = browser.execute_script(
        "const d = new Date(Date.now() - 3600e3 + 7*3600e3); return d.toISOString().slice(0, 16);")
    later = browser.execute_script(
        "const d = new Date(Date.now() + 5*3600e3 + 7*3600e3); return d.toISOString().slice(0, 16);")
    browser.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "startsAt"), now)
    browser.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "endsAt"), later)
    form.find_element(By.NAME, "note").send_keys("Ca thêm")
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "Ca thêm" in browser.page_source
    browser.get(BASE + "/")
    assert "Mai Văn Minh" in browser.find_element(By.CSS_SELECTOR, "main").text


def test_unit_admin_adds_an_asset_and_coordinator_publishes_an_advisory(browser):
    sign_in(browser, "quantri.syt@demo.truc.vn")
    nav_to(browser, "Tài sản")
    stamp = int(time.time() * 1000)
    systems = browser.find_element(By.CSS_SELECTOR, "form[action$='/systems']")
    browser.execute_script("arguments[0].open = true", browser.find_element(By.CSS_SELECTOR, "main details"))
    systems.find_element(By.NAME, "name").send_keys(f"Cổng thông tin {stamp}")
    click_and_wait(browser, systems.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert f"Cổng thông tin {stamp}" in browser.page_source
    form = browser.find_element(By.CSS_SELECTOR, "form[action$='/assets']")
    Select(form.find_element(By.NAME, "kind")).select_by_value("software")
    form.find_element(By.NAME, "name").send_keys(f"Spring {stamp}")
    form.find_element(By.NAME, "cpes").send_keys("cpe:2.3:a:vmware:spring_framework:5.3.17:*:*:*:*:*:*:*")
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert f"Spring {stamp}" in browser.find_element(By.CSS_SELECTOR, "h1").text
    assert "spring_framework:5.3.17" in browser.page_source
    shot(browser, "asset")

    sign_in(browser)
    nav_to(browser, "Cảnh báo")
    form = browser.find_element(By.CSS_SELECTOR, "form[action='/advisories']")
    form.find_element(By.NAME, "title").send_keys(f"Spring4Shell {stamp}")
    form.find_element(By.NAME, "cpePatterns").send_keys("cpe:2.3:a:vmware:spring_framework:*:*:*:*:*:*:*:*")
    form.find_element(By.NAME, "requiredAction").send_keys("Nâng cấp Spring Framework lên 5.3.18")
    form.find_element(By.NAME, "publish").click()
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    board = browser.find_element(By.CSS_SELECTOR, "table.board").text
    assert "Sở Y tế" in board
    shot(browser, "advisory")
    browser.get(BASE + "/findings")
    assert browser.find_element(By.CSS_SELECTOR, "svg.chart")


def test_unit_admin_monitors_the_server_itself_and_sees_it_up(browser):
    """A real check by the running scheduler: the monitor points at this server's /healthz (loopback)."""
    sign_in(browser, "quantri.syt@demo.truc.vn")
    nav_to(browser, "Giám sát")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Giám sát của đơn vị tôi"))
    stamp = int(time.time() * 1000)
    form = browser.find_element(By.CSS_SELECTOR, "form[action$='/monitors']")
    form.find_element(By.NAME, "name").send_keys(f"Trực ATTT {stamp}")
    Select(form.find_element(By.NAME, "kind")).select_by_value("http")
    form.find_element(By.NAME, "target").send_keys(BASE + "/healthz")
    interval = form.find_element(By.NAME, "intervalSeconds")
    interval.clear()
    interval.send_keys("20")
    form.find_element(By.NAME, "keyword").send_keys("ok")
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert f"Trực ATTT {stamp}" in browser.find_element(By.CSS_SELECTOR, "h1").text
    deadline = time.time() + 60
    while "ms-up" not in browser.page_source and time.time() < deadline:
        time.sleep(2)
        browser.refresh()
    assert "ms-up" in browser.find_element(By.CSS_SELECTOR, "h1").get_attribute("innerHTML")
    assert browser.find_element(By.CSS_SELECTOR, "figure svg")
    shot(browser, "monitor")

    sign_in(browser)
    browser.get(BASE + "/status")
    assert "SYT" in browser.find_element(By.CSS_SELECTOR, "main").text
    shot(browser, "status-board")


def test_unit_reports_an_incident_and_prints_form_03(browser):
    sign_in(browser, "quantri.syt@demo.truc.vn")
    nav_to(browser, "Sự cố")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Báo cáo sự cố"))
    stamp = int(time.time() * 1000)
    form = browser.find_element(By.CSS_SELECTOR, "form.stack")
    form.find_element(By.NAME, "title").send_keys(f"Mã độc tống tiền {stamp}")
    for name, value in (("reporterPhone", "0912345678"), ("owningAgency", "UBND tỉnh"), ("systemName", "Hệ thống quản lý bệnh viện")):
        box = form.find_element(By.NAME, name)
        box.clear()
        box.send_keys(value)
    form.find_element(By.NAME, "summary").send_keys("Máy chủ HIS bị mã hoá; kết nối tới 198.51.100[.]77")
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    heading = browser.find_element(By.CSS_SELECTOR, "h1").text
    assert f"Mã độc tống tiền {stamp}" in heading and "SC-" in heading, browser.page_source[:2000]
    assert "198.51.100[.]77" in browser.page_source
    shot(browser, "incident")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "In Mẫu 03"))
    assert "BÁO CÁO BAN ĐẦU SỰ CỐ MẠNG" in browser.page_source


def test_unit_sends_its_initial_report_to_vncert_from_the_server(browser):
    sign_in(browser, "quantri.syt@demo.truc.vn")
    card = browser.find_element(By.ID, "incidents")
    assert "đề nghị hỗ trợ" in card.text, card.text
    click_and_wait(browser, card.find_element(By.PARTIAL_LINK_TEXT, "Mã độc mã hóa dữ liệu trên máy chủ HIS"))
    # The support request already went to the response team through the outbox.
    assert "[TBSC] Đề nghị hỗ trợ ứng cứu sự cố" in browser.page_source
    form = browser.find_element(By.CSS_SELECTOR, "form[action$='/notify-national']")
    Select(form.find_element(By.NAME, "kind")).select_by_value("initial")
    form.find_element(By.NAME, "note").send_keys("Kính gửi VNCERT/CC báo cáo ban đầu.")
    click_and_wait(browser, form.find_element(By.TAG_NAME, "button"))
    rows = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "table tr")]
    assert any("[TBSC] Báo cáo ban đầu sự cố" in row and "ir@vncert.vn" in row for row in rows), rows
    shot(browser, "incident-vncert")


def test_unit_admin_imports_a_nessus_report_and_sees_it_in_the_history(browser, tmp_path):
    stamp = int(time.time() * 1000)
    report = tmp_path / f"quet-{stamp}.nessus"
    host = f"10.77.{stamp // 256 % 256}.{stamp % 256}"
    report.write_text(
        '<?xml version="1.0" ?>\n<NessusClientData_v2><Report name="t">'
        f'<ReportHost name="{host}"><HostProperties><tag name="host-ip">{host}</tag></HostProperties>'
        '<ReportItem port="443" svc_name="www" protocol="tcp" severity="3" pluginID="156860" pluginName="Apache Log4Shell">'
        "<cve>CVE-2021-44228</cve><solution>Nâng cấp log4j lên 2.17.1</solution>"
        "<plugin_output>JNDI lookup answered</plugin_output></ReportItem>"
        '<ReportItem port="443" svc_name="www" protocol="tcp" severity="2" pluginID="20007" pluginName="SSL Version 2 and 3">'
        "<solution>Tắt SSL 2.0 và 3.0</solution></ReportItem>"
        "</ReportHost></Report></NessusClientData_v2>\n",
        encoding="utf-8")
    sign_in(browser, "quantri.syt@demo.truc.vn")
    nav_to(browser, "Tài sản")
    form = browser.find_element(By.CSS_SELECTOR, "form[action$='/scans'][enctype='multipart/form-data']")
    form.find_element(By.NAME, "file").send_keys(str(report))
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    # The history page, with the outcome as a flash.
    history = browser.find_element(By.CSS_SELECTOR, "main").text
    assert "Đã nhập báo cáo quét: 2 lỗ hổng mới" in history, history
    assert report.name in history
    assert "SHA-256" in history
    shot(browser, "scan-history")
    # The host is an asset of the unit now.
    nav_to(browser, "Tài sản")
    assert host in browser.page_source
