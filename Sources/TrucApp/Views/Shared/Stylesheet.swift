import Foundation

/// The one stylesheet (served at /static/app.css): layout, components, states, and the phone layout.
enum Stylesheet {
    static let css = """
    :root { --fg:#1b1f24; --muted:#5b6470; --line:#d6dbe1; --accent:#b3261e; --ok:#1e7b34; --warn:#9a6700; --bg:#fafbfc; }
    * { box-sizing: border-box; }
    body { font: 15px/1.45 system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
    header { background: #7f1d1d; color: #fff; padding: .5rem 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1rem; position: relative; }
    header a { color: #fff; }
    header .brand { font-weight: 700; font-size: 1.15rem; text-decoration: none; }
    .site-nav { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1rem; flex: 1; }
    .site-nav a[aria-current] { font-weight: 700; text-decoration: underline; }
    .nav-group { position: relative; }
    .nav-group summary { cursor: pointer; list-style: none; padding: .2rem 0; }
    .nav-group summary::-webkit-details-marker { display: none; }
    .nav-group summary::after { content: " ▾"; font-size: .8em; }
    .nav-group.current summary { font-weight: 700; }
    .nav-group ul { list-style: none; margin: 0; padding: .4rem .8rem; position: absolute; z-index: 20; top: 100%; left: 0;
      background: #7f1d1d; min-width: 13rem; box-shadow: 0 4px 12px rgba(0,0,0,.25); }
    .nav-group li { padding: .25rem 0; }
    .signout { margin-left: auto; }
    header .who { margin-right: .5rem; }
    .menu-toggle { position: absolute; opacity: 0; width: 1px; height: 1px; }
    .menu-button { display: none; cursor: pointer; border: 1px solid #fff; border-radius: .3rem; padding: .15rem .6rem; margin-left: auto; }
    .menu-toggle:focus-visible + .menu-button { outline: 2px solid #fff; outline-offset: 2px; }
    main { max-width: 1200px; margin: 1rem auto; padding: 0 1rem; }
    footer { color: var(--muted); font-size: .85rem; text-align: center; padding: 2rem 1rem; }
    h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
    h2 { font-size: 1.2rem; margin-top: 1.5rem; }
    table { border-collapse: collapse; width: 100%; background: #fff; margin: .5rem 0 1rem; }
    th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
    th { background: #f0f2f5; }
    form.inline { display: inline; }
    form.stack { display: grid; gap: .6rem; max-width: 640px; background: #fff; padding: 1rem; border: 1px solid var(--line); }
    form.stack label { display: grid; gap: .2rem; font-weight: 600; }
    input, select, textarea, button { font: inherit; padding: .3rem .4rem; }
    textarea { min-height: 6rem; }
    button { cursor: pointer; }
    .flash { background: #e7f5ec; border: 1px solid #9bd3ad; padding: .5rem; }
    .error .reason { background: #fdecea; border: 1px solid #f5b7b1; padding: .6rem; }
    .muted { color: var(--muted); }
    .badge { display: inline-block; padding: 0 .4rem; border-radius: .6rem; font-size: .85rem; border: 1px solid var(--line); }
    .s-done { background: #e7f5ec; color: var(--ok); }
    .s-not_applicable { background: #eef1f4; color: var(--muted); }
    .s-problem { background: #fff4d6; color: var(--warn); }
    .s-overdue, .gap { background: #fdecea; color: var(--accent); }
    .s-pending { background: #fff; }
    .s-not_targeted { background: #f6f7f9; color: #aab; }
    .pager { margin: .5rem 0; display: flex; gap: 1rem; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 1rem; }
    .card { background: #fff; border: 1px solid var(--line); padding: .8rem; }
    .table-wrap { max-width: 100%; overflow-x: auto; }
    .table-wrap table { margin: 0; }
    .table-wrap { margin: .5rem 0 1rem; }
    pre { max-width: 100%; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
    td, th { overflow-wrap: anywhere; }
    img, svg, input, select, textarea { max-width: 100%; }
    figure.chart { margin: 1rem 0; } figure.chart svg { max-width: 100%; height: auto; }
    /* Phones (390 px and up): the navigation folds behind the Menu button, tables scroll in their box, forms fill the width. */
    @media (max-width: 760px) {
      body { font-size: 16px; }
      .menu-button { display: inline-block; }
      .site-nav { display: none; flex-basis: 100%; flex-direction: column; align-items: stretch; gap: .2rem; padding: .4rem 0; }
      .menu-toggle:checked ~ .site-nav { display: flex; }
      .site-nav > a, .nav-group summary { padding: .5rem 0; border-top: 1px solid rgba(255,255,255,.25); }
      .nav-group ul { position: static; box-shadow: none; padding: 0 0 .4rem 1rem; min-width: 0; }
      .nav-group li { padding: .4rem 0; }
      .signout { margin-left: 0; padding-top: .5rem; }
      main { padding: 0 .6rem; margin: .6rem auto; }
      main table { display: block; max-width: 100%; overflow-x: auto; }
      form.stack { max-width: none; padding: .7rem; }
      input:not([type=checkbox]):not([type=radio]), select, textarea { width: 100%; }
      form.inline input:not([type=hidden]), form.inline select { width: auto; }
      button { min-height: 2.5rem; }
      h1 { font-size: 1.3rem; }
      .cards { grid-template-columns: 1fr; }
    }
    @media print { header, footer, nav, form, .noprint { display: none !important; } body { background: #fff; } main { max-width: none; } }
    """ + VulnViews.stylesheet + MonitorViews.stylesheet
}
