"""The web chat page in Debian's Chromium (driven by Playwright, no browser download)."""

import shutil

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.model
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "tests" / "artifacts"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def browser():
    if not shutil.which("chromium"):
        pytest.skip("chromium not installed: make browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def bot_texts(page):
    return page.locator("li.legbot-msg.bot").all_inner_texts()


def wait_for_bot(page, count, timeout=60_000):
    page.wait_for_function(f"document.querySelectorAll('li.legbot-msg.bot').length >= {count}", timeout=timeout)


def test_whole_conversation_in_the_browser(servers, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    # bypass_csp: the page must be safe by itself (textContent only); its CSP header is checked apart
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)  # a phone
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{servers.url}/chat/")
    assert page.locator("#legbot-log").get_attribute("aria-live") == "polite"
    assert page.evaluate("document.activeElement.id") == "legbot-input"  # ready to type

    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    wait_for_bot(page, 1)
    assert "Legbot" in bot_texts(page)[0]

    page.fill("#legbot-input", "my calves cramp at night")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Both legs").wait_for(timeout=60_000)
    page.get_by_role("button", name="Both legs").focus()
    page.keyboard.press("Enter")  # buttons work by keyboard
    wait_for_bot(page, 3)

    page.fill("#legbot-input", XSS)
    page.keyboard.press("Enter")
    wait_for_bot(page, 4)
    mine = page.locator("li.legbot-msg.me").all_inner_texts()
    assert XSS in mine  # shown literally, as text
    assert page.locator("#legbot-log img").count() == 0 and not dialogs

    page.fill("#legbot-input", "just tell me")
    page.keyboard.press("Enter")
    page.locator("summary", has_text="Sources").first.wait_for(timeout=60_000)
    page.locator("summary", has_text="Sources").first.click()
    assert page.locator("details[open] blockquote").first.is_visible()
    assert page.locator("#legbot-banner").get_attribute("data-level") == "self_care"

    page.fill("#legbot-input", "now my chest hurts and I can't breathe")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#legbot-banner').dataset.level === 'emergency'",
                           timeout=60_000)
    assert "call emergency services" in bot_texts(page)[-1]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # fits the phone
    page.screenshot(path=str(ARTIFACTS / "webchat.png"), full_page=True)

    before = len(bot_texts(page))
    page.reload()
    wait_for_bot(page, before)
    assert XSS in page.locator("li.legbot-msg.me").all_inner_texts()  # the history survived
    page.fill("#legbot-input", "just tell me")
    page.keyboard.press("Enter")
    wait_for_bot(page, before + 1)
    assert "call emergency services" in bot_texts(page)[-1]  # the server kept the context
    context.close()


def test_bot_text_is_never_html(servers, browser):
    page = browser.new_page(bypass_csp=True)
    page.goto(f"{servers.url}/chat/")
    page.fill("#legbot-input", f"tell me about {XSS}")
    page.keyboard.press("Enter")
    wait_for_bot(page, 1)
    assert page.locator("#legbot-log img, #legbot-log script").count() == 0
    headers = page.request.get(f"{servers.url}/chat/").headers
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    page.close()


def test_forget_me_button_deletes_the_conversation_here_and_on_the_server(servers, action_endpoints, browser):
    import sqlite3

    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{servers.url}/chat/")
    page.fill("#legbot-input", "my calves cramp at night")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Both legs").wait_for(timeout=60_000)
    session = page.evaluate("localStorage.getItem('legbot.session')")
    database = action_endpoints.parent / "tracker.db"

    def stored() -> int:
        with sqlite3.connect(database) as db:
            return db.execute("select count(*) from events where sender_id = ?", (session,)).fetchone()[0]

    assert session and stored() > 0
    page.get_by_role("button", name="Forget me").click()
    page.get_by_role("button", name="No, keep it").wait_for(timeout=60_000)
    assert stored() > 0  # nothing goes before the user confirms
    page.get_by_role("button", name="Yes, delete it").click()
    page.wait_for_function("document.querySelectorAll('li.legbot-msg').length === 1", timeout=60_000)
    assert bot_texts(page)[0].startswith("Done. I've deleted this conversation")
    assert stored() == 0
    page.wait_for_function(f"localStorage.getItem('legbot.session') !== {session!r}", timeout=30_000)
    assert page.evaluate("JSON.parse(localStorage.getItem('legbot.history') || '[]').length") == 0
    page.reload()
    assert page.locator("li.legbot-msg").count() == 0  # nothing comes back on reload
    context.close()
