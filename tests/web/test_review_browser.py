"""Review in a real browser (Debian's chromium and chromium-driver, driven by Selenium): sign in with the
printed URL, go timeline -> event, correct a count through its form, rebuild the ledger with more input
while the server runs, reload: the correction is still there; undo it: the machine's value is back.
Screenshots are saved under the test's tmp folder."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.engine import Pipeline
from storyline.store import open_store
from storyline.web import create_app
from tests.web.conftest import live_server
from tests.web.test_browser import CHROMEDRIVER, CHROMIUM, SAMPLE, browser  # noqa: F401 - browser is a fixture

FLOOD = SAMPLE.parent / "flood"
TOKEN = "browser-review-token"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)",
)


def build(db: Path, inputs: list[Path]) -> None:
    store = open_store(db)
    try:
        Pipeline(store).build(inputs)
    finally:
        store.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The sample story built into a fresh ledger, served in review mode on a free local port."""
    db = tmp_path_factory.mktemp("review-browser") / "ledger.db"
    build(db, [SAMPLE])
    with live_server(create_app(db, review=True, reviewer="ana", token=TOKEN)) as url:
        yield url, db


def freed_row(driver):
    """The freed count's review row, once the page has it (a page still loading has not)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    return WebDriverWait(driver, 15).until(expected_conditions.presence_of_element_located((By.ID, "review-count-freed")))


def submit(driver, find_button) -> None:
    """Click a form's button and wait for the page the POST redirects to (the old page's elements go stale).
    The button is found again if the page was still settling when it was first found."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    for attempt in range(3):
        page = driver.find_element(By.TAG_NAME, "html")
        try:
            find_button().click()
            break
        except (StaleElementReferenceException, WebDriverException):
            if attempt == 2:
                raise
            time.sleep(0.5)
    WebDriverWait(driver, 15).until(expected_conditions.staleness_of(page))


def test_a_correction_made_in_the_browser_survives_a_rebuild_and_undo_brings_the_machine_back(
        served: tuple[str, Path], browser, tmp_path: Path):  # noqa: F811 - the imported fixture
    from selenium.webdriver.common.by import By

    server, db = served
    browser.get(f"{server}/review/login?token={TOKEN}")  # the address `serve --review` prints
    assert browser.current_url == f"{server}/" and "review mode" in browser.page_source
    assert TOKEN not in browser.current_url
    browser.find_element(By.CSS_SELECTOR, "table.list a").click()
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "tr.event") if " freed" in r.text)
    row.find_element(By.TAG_NAME, "a").click()
    assert "/events/" in browser.current_url
    event_url = browser.current_url
    machine = freed_row(browser).find_element(By.CSS_SELECTOR, "td.value").text
    corrected = str(int(machine) + 1) if machine.isdigit() else "30"
    browser.save_screenshot(str(tmp_path / "1-event.png"))

    form = freed_row(browser).find_element(By.CSS_SELECTOR, "form.correct")
    form.find_element(By.NAME, "value").send_keys(corrected)
    submit(browser, lambda: freed_row(browser).find_element(By.CSS_SELECTOR, "form.correct button[type=submit]"))
    assert "saved=" in browser.current_url
    row = freed_row(browser)
    assert row.get_attribute("class") == "reviewed"
    assert row.find_element(By.CSS_SELECTOR, "td.value").text == corrected
    assert "corrected by ana" in row.text and f"was {machine}" in row.text
    assert "Saved: review" in browser.find_element(By.ID, "review-saved").text
    browser.save_screenshot(str(tmp_path / "2-corrected.png"))

    build(db, [SAMPLE, FLOOD])  # the same input again and another story, the server still running
    browser.get(event_url)
    row = freed_row(browser)
    assert row.get_attribute("class") == "reviewed" and row.find_element(By.CSS_SELECTOR, "td.value").text == corrected
    browser.get(server + "/")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.list tbody tr")) >= 2, "the flood story is in"
    browser.get(event_url)
    browser.save_screenshot(str(tmp_path / "3-after-rebuild.png"))

    submit(browser, lambda: freed_row(browser).find_element(By.CSS_SELECTOR, "form.undo button"))
    row = freed_row(browser)
    assert row.get_attribute("class") == "machine"
    assert row.find_element(By.CSS_SELECTOR, "td.value").text == machine
    assert "undone by review" in browser.find_element(By.ID, "review-history").text
    browser.save_screenshot(str(tmp_path / "4-undone.png"))
    assert len(list(tmp_path.glob("*.png"))) == 4
