"""The published site as a reader meets it: served over HTTP, opened in headless Chromium."""

import functools
import shutil
import threading
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from zhengli.tasks.editions import read_catalog
from zhengli.tasks.publish.release import publish

from .conftest import CLEAN

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (make test installs it)")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *_):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    target = tmp_path_factory.mktemp("public")
    publish(CLEAN, str(target), now=datetime(2026, 11, 22, tzinfo=UTC))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(target)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/current/", target / "current"
    server.shutdown()


@pytest.fixture(scope="module")
def page(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser.new_page()
        browser.close()


def test_the_index_lists_every_edition(site, page):
    url, _ = site
    page.goto(url + "index.html")
    titles = page.locator("tbody tr td:first-child a").all_inner_texts()
    assert len(titles) == len(read_catalog(CLEAN))
    assert "铸牢中华民族共同体意识 推进新时代党的民族工作高质量发展" in titles


def test_a_link_opens_the_edition_and_its_contents_jump_to_the_heading(site, page):
    url, _ = site
    page.goto(url + "index.html")
    page.get_by_role("link", name="铸牢中华民族共同体意识 推进新时代党的民族工作高质量发展").click()
    page.wait_for_load_state()
    assert page.url.endswith("004_a4b91db400239f6b.html")
    page.locator('nav.toc a[href="#a5-h1"]').click()
    assert page.url.endswith("#a5-h1")
    top = page.evaluate("document.getElementById('a5-h1').getBoundingClientRect().top")
    assert -1 <= top < page.evaluate("window.innerHeight")


def test_the_downloads_return_the_editions_bytes(site, page):
    url, folder = site
    page.goto(url + "004_a4b91db400239f6b.html")
    for label in ("Markdown", "JSON", "TEI"):
        href = page.get_by_role("link", name=label, exact=True).get_attribute("href")
        response = page.request.get(url + href)
        assert response.ok and response.body() == (folder / Path(href).name).read_bytes()
