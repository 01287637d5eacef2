"""marginalia ui: the read-only web app, against a running server on loopback and in a real browser.

The browser tests drive Debian's chromium with chromedriver through Selenium; they
skip, saying why, where no browser is installed (``apt-get install chromium
chromium-driver`` adds one in under a minute).
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from flows.cli import main
from tests.textgen import SALT_ROADS
from tests.warehouse_helpers import doc_id_of

DOCS = Path(__file__).resolve().parents[1] / "docs"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path):
    """The app over ``db`` on a free loopback port, in a thread: (base URL, server, thread)."""
    import uvicorn

    from warehouse.ui import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


@pytest.fixture(scope="module")
def running_ui(tmp_path_factory, prefect_harness):
    """The app on a loopback port over a warehouse of one written article; stopped at the end."""
    folder = tmp_path_factory.mktemp("ui")
    raw = folder / "raw"
    raw.mkdir()
    (raw / "salt-roads.txt").write_text(SALT_ROADS, encoding="utf-8")
    db = folder / "w.duckdb"
    assert main(["ingest", "--raw", str(raw), "--warehouse", str(db)]) == 0
    base, server, thread = start_server(db)
    yield base, doc_id_of(db, "salt-roads.txt"), server, thread
    server.should_exit = True
    thread.join(10)


PAGES = [
    # (case, path with {doc} for the doc_id, words the page must show)
    ("documents_list_with_counts_and_timeline", "/", ["The Salt Roads of the Northern Marches", "<svg", "1820"]),
    ("reader_view_with_note_anchors", "/documents/{doc}", ['id="note-1"', 'href="#note-1"', "Salt and Empire"]),
    ("search_highlights_sentences", "/search?q=merchants", ["<mark>Merchants</mark>", "#s-"]),
    ("search_finds_notes_and_references", "/search?q=salt%20empire", ["note", "<mark>Salt</mark>"]),
    ("works_link_to_the_notes_citing_them", "/works", ["Salt and Empire", "/documents/{doc}#note-1"]),
    ("entities_link_to_the_sentences_naming_them", "/entities", ["Varna", "/documents/{doc}#s-"]),
]


@pytest.mark.parametrize("case, path, words", PAGES, ids=[p[0] for p in PAGES])
def test_the_app_answers_every_page(case, path, words, running_ui):
    base, doc_id, _, _ = running_ui
    response = httpx.get(base + path.format(doc=doc_id), timeout=30)
    assert response.status_code == 200
    missing = [w for w in (w.format(doc=doc_id) for w in words) if w not in response.text]
    assert missing == []


def test_an_unknown_document_is_a_404_and_the_app_writes_nothing(running_ui):
    base, _, _, _ = running_ui
    assert httpx.get(base + "/documents/no-such-document", timeout=30).status_code == 404
    assert httpx.get(base + "/search?q=%27%3B%20DROP%20TABLE%20sentences%3B--", timeout=30).status_code == 200
    assert "Merchants" in httpx.get(base + "/search?q=merchants", timeout=30).text


def test_the_server_stops_cleanly(tmp_path):
    from warehouse.loader import Warehouse

    db = tmp_path / "w.duckdb"
    with Warehouse(str(db)) as warehouse:
        warehouse.publish()
    base, server, thread = start_server(db)
    assert httpx.get(base + "/", timeout=30).status_code == 200
    server.should_exit = True
    thread.join(10)
    assert not thread.is_alive()
    with pytest.raises(httpx.ConnectError):
        httpx.get(base + "/", timeout=5)


# ---------------------------------------------------------------- a real browser

CHROMEDRIVER = shutil.which("chromedriver")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_browser = pytest.mark.skipif(not (CHROMEDRIVER and CHROMIUM),
                                   reason="no chromium/chromedriver here (apt-get install chromium chromium-driver)")


@pytest.fixture()
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def screenshot(driver, name: str) -> None:
    """Save a screenshot into docs/ when asked (MARGINALIA_SCREENSHOTS=1), not on every run."""
    if os.environ.get("MARGINALIA_SCREENSHOTS"):
        driver.save_screenshot(str(DOCS / name))


@needs_browser
def test_clicking_a_note_call_shows_the_note_and_its_references(running_ui, browser):
    from selenium.webdriver.common.by import By

    base, doc_id, _, _ = running_ui
    browser.get(f"{base}/documents/{doc_id}")
    browser.find_element(By.CSS_SELECTOR, "sup a[href='#note-1']").click()
    assert browser.current_url.endswith("#note-1")
    note = browser.find_element(By.ID, "note-1")
    assert note.is_displayed()
    assert "Salt and Empire" in note.find_element(By.CLASS_NAME, "ref").text  # the parsed reference
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", note)
    assert 0 <= top < 900  # scrolled into view
    screenshot(browser, "ui-document.png")


@needs_browser
def test_search_from_the_list_page_finds_a_sentence(running_ui, browser):
    from selenium.webdriver.common.by import By

    base, _, _, _ = running_ui
    browser.get(base + "/")
    screenshot(browser, "ui-documents.png")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("caravans")
    box.submit()
    marks = browser.find_elements(By.TAG_NAME, "mark")
    assert [m.text for m in marks][:1] == ["Caravans"]
    link = browser.find_element(By.CSS_SELECTOR, "td a")
    assert "#s-" in link.get_attribute("href")
    screenshot(browser, "ui-search.png")
