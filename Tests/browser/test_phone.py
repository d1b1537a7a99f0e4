"""Phone layout: the pages a duty officer opens at night, at 390×844 (an iPhone 12–15 screen, Chromium's mobile
emulation). Each page must fit the screen width (no horizontal scroll of the page; wide tables scroll inside their
own box) and its main action must be on screen and usable. Run with test_browser.py against `truc serve --demo`.
"""
import os
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import BASE, click_and_wait, nav_to, shot, sign_in

WIDTH, HEIGHT = 390, 844
UNIT_ADMIN = "quantri.syt@demo.truc.vn"


@pytest.fixture(scope="module")
def phone():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=vi"):
        options.add_argument(arg)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": WIDTH, "height": HEIGHT, "pixelRatio": 3.0}})
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def assert_fits_the_screen(driver):
    width, scroll_width = driver.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
    assert width == WIDTH, f"the viewport is {width} px wide, not {WIDTH}"
    assert scroll_width <= width, f"{driver.current_url}: the page scrolls sideways ({scroll_width} px > {width} px)"


def assert_on_screen(driver, element, what):
    """The element is displayed, within the screen's width, and inside the screen once scrolled to."""
    assert element.is_displayed(), f"{what} is not displayed"
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    left, right, top, bottom = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]", element)
    assert 0 <= left and right <= WIDTH, f"{what} sticks out of the screen: {left}–{right} px"
    assert 0 <= top and bottom <= HEIGHT, f"{what} is not on screen: {top}–{bottom} px"
    assert right - left >= 24 and bottom - top >= 16, f"{what} is too small to tap: {right - left}×{bottom - top} px"


def test_home_on_a_phone_has_a_folded_menu_and_the_incident_report_link(phone):
    sign_in(phone, UNIT_ADMIN)
    assert "Xin chào" in phone.find_element(By.TAG_NAME, "h1").text
    assert_fits_the_screen(phone)
    nav = phone.find_element(By.CSS_SELECTOR, "nav.site-nav")
    assert not nav.is_displayed(), "the navigation is folded behind the Menu button"
    assert_on_screen(phone, phone.find_element(By.PARTIAL_LINK_TEXT, "Báo cáo sự cố"), "the incident report link")
    shot(phone, "phone-home")
    phone.find_element(By.CSS_SELECTOR, "label.menu-button").click()
    assert nav.is_displayed(), "the Menu button opens the navigation (no JavaScript)"
    assert_fits_the_screen(phone)
    shot(phone, "phone-menu")
    nav_to(phone, "Đang trực")
    assert "/on-duty" in phone.current_url


def test_who_is_on_duty_on_a_phone(phone):
    sign_in(phone)
    phone.get(BASE + "/on-duty?all=true")
    assert phone.find_element(By.TAG_NAME, "h1").text
    assert_fits_the_screen(phone)
    assert "Sở Y tế" in phone.find_element(By.TAG_NAME, "main").text
    shot(phone, "phone-on-duty")


def test_alert_is_acknowledged_on_a_phone(phone):
    """A monitor of a closed loopback port goes down and raises an alert; the unit admin acknowledges it."""
    sign_in(phone, UNIT_ADMIN)
    phone.get(BASE + "/monitors")
    link = phone.find_element(By.PARTIAL_LINK_TEXT, "Giám sát của đơn vị tôi")
    click_and_wait(phone, link)
    assert_fits_the_screen(phone)
    stamp = int(time.time() * 1000)
    form = phone.find_element(By.CSS_SELECTOR, "form[action$='/monitors']")
    form.find_element(By.NAME, "name").send_keys(f"Cổng đóng {stamp}")
    Select(form.find_element(By.NAME, "kind")).select_by_value("tcp")
    form.find_element(By.NAME, "target").send_keys("127.0.0.1:9")
    for name, value in (("intervalSeconds", "20"), ("timeoutSeconds", "2"), ("retries", "0")):
        box = form.find_element(By.NAME, name)
        box.clear()
        box.send_keys(value)
    button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    assert_on_screen(phone, button, "the monitor form's save button")
    click_and_wait(phone, button)
    assert f"Cổng đóng {stamp}" in phone.find_element(By.TAG_NAME, "h1").text

    deadline = time.time() + 120
    ack = []
    while time.time() < deadline:
        phone.get(BASE + "/alerts?open=true")
        ack = [b for b in phone.find_elements(By.CSS_SELECTOR, "form[action$='/ack'] button")
               if f"Cổng đóng {stamp}" in b.find_element(By.XPATH, "./ancestor::tr[1]").text]
        if ack:
            break
        time.sleep(3)
    assert ack, "the closed port raised an alert waiting for acknowledgement"
    assert_fits_the_screen(phone)
    assert_on_screen(phone, ack[0], "the acknowledge button")
    shot(phone, "phone-alerts")
    click_and_wait(phone, ack[0])
    assert "Đã xác nhận cảnh báo" in phone.find_element(By.CSS_SELECTOR, "p.flash").text
    assert_fits_the_screen(phone)


def test_incident_report_form_and_incident_page_on_a_phone(phone):
    sign_in(phone, UNIT_ADMIN)
    click_and_wait(phone, phone.find_element(By.PARTIAL_LINK_TEXT, "Báo cáo sự cố"))
    assert_fits_the_screen(phone)
    form = phone.find_element(By.CSS_SELECTOR, "form.stack")
    stamp = int(time.time() * 1000)
    form.find_element(By.NAME, "title").send_keys(f"Tấn công từ chối dịch vụ {stamp}")
    for name, value in (("reporterPhone", "0912345678"), ("owningAgency", "UBND tỉnh"), ("systemName", "Cổng dịch vụ công")):
        box = form.find_element(By.NAME, name)
        box.clear()
        box.send_keys(value)
    form.find_element(By.NAME, "summary").send_keys("Cổng dịch vụ công không truy cập được từ 02:10")
    submit = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    assert_on_screen(phone, submit, "the report's submit button")
    shot(phone, "phone-incident-form")
    click_and_wait(phone, submit)

    heading = phone.find_element(By.TAG_NAME, "h1").text
    assert f"Tấn công từ chối dịch vụ {stamp}" in heading and "SC-" in heading
    assert_fits_the_screen(phone)
    update = phone.find_element(By.CSS_SELECTOR, "form[action$='/updates'] button")
    assert_on_screen(phone, update, "the incident's update button")
    shot(phone, "phone-incident")
