"""The pages in a real browser (Debian's chromium and chromium-driver, driven by Selenium) over a ledger
built from examples/story plus one hostile article: timeline -> event -> sentence, and the hostile
article's script and event handler never run. Screenshots are saved under the test's tmp folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.engine import Pipeline
from storyline.store import open_store
from storyline.web import create_app
from tests.web.conftest import live_server

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "story"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)",
)

# Invented for this test: a report whose title and body carry markup a careless page would run.
HOSTILE = """Karsovia frees 12 more prisoners <script>document.title='pwned'</script>

VELNO, Karsovia (Quay Courier) - Karsovia freed 12 political prisoners on Friday, officials said.
<img src=x onerror="window.pwned = 1; document.title = 'pwned'"> The release came after talks.
<a href="javascript:window.pwned=2">Read more</a> <script>window.pwned = 3; alert('pwned')</script>
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "input" / "11_quay_courier.txt"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE, encoding="utf-8")
    store = open_store(folder / "ledger.db")
    Pipeline(store).build([SAMPLE, hostile])
    store.close()
    with live_server(create_app(folder / "ledger.db")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def no_script_ran(driver) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    assert driver.title != "pwned"
    assert driver.execute_script("return window.pwned === undefined")
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - reading it is the check


def test_timeline_event_sentence(server: str, browser, tmp_path: Path):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    browser.find_element(By.CSS_SELECTOR, "table.list a").click()
    assert browser.find_elements(By.CSS_SELECTOR, "tr.background"), "background rows are set apart"
    browser.save_screenshot(str(tmp_path / "1-timeline.png"))

    browser.find_element(By.CSS_SELECTOR, "tr.event a").click()
    assert "/events/" in browser.current_url
    grid = browser.find_element(By.ID, "comparison")
    outlets = [th.text for th in grid.find_elements(By.CSS_SELECTOR, "thead th")][2:]
    assert len(outlets) >= 2, "sources side by side"
    browser.save_screenshot(str(tmp_path / "2-event.png"))

    cell = grid.find_element(By.CSS_SELECTOR, "a.cell[href*='#s-']")
    anchor = cell.get_attribute("href").split("#", 1)[1]
    cell.click()
    assert "/articles/" in browser.current_url
    marked = browser.find_element(By.CSS_SELECTOR, "mark.current")
    assert browser.execute_script("return arguments[0].previousElementSibling.id", marked) == anchor
    assert marked.text.strip()
    browser.save_screenshot(str(tmp_path / "3-sentence.png"))
    assert list(tmp_path.glob("*.png"))


def test_a_hostile_article_does_not_run(server: str, browser, tmp_path: Path):
    from selenium.webdriver.common.by import By

    browser.get(server + "/sources")
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "table.list a") if "Karsovia frees 12" in a.text)
    link.click()
    assert "<script>" in browser.find_element(By.TAG_NAME, "h1").text  # shown as text
    body = browser.find_element(By.ID, "body")
    assert "onerror" in body.text and not body.find_elements(By.TAG_NAME, "img")
    assert not body.find_elements(By.CSS_SELECTOR, "a[href^='javascript']")
    browser.save_screenshot(str(tmp_path / "hostile-article.png"))
    no_script_ran(browser)
