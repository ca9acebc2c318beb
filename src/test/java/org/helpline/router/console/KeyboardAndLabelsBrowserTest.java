package org.helpline.router.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.LineFixtures;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.helpline.router.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import static org.helpline.router.console.PageFixtures.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every page of the console, as an operator sees it (the most controls), in a real headless Chromium: each
 * visible control has a name a screen reader announces (Chromium's own computed accessible name: a label, its
 * text, an aria-label), and the Tab key alone reaches every one of them that is enabled — nothing only a mouse
 * can use.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class KeyboardAndLabelsBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(15);
    private static final String LINE = "page-clavier";

    /** What a person can operate: form fields, buttons, links, disclosure summaries, anything made focusable. */
    private static final String CONTROLS = "input:not([type=hidden]), select, textarea, button, a[href], summary, "
            + "[tabindex]:not([tabindex='-1'])";

    ConsoleBrowser browser;

    @BeforeEach
    void lineWithHours() throws Exception {
        PageFixtures.line(LINE, "+33800000950");
        LineFixtures.weekdayHours(LINE, "09:00", "21:00");
        browser = ConsoleBrowser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void everyControlOfEveryPageIsLabelledAndReachableByKeyboard() {
        Map<String, List<String>> faults = new LinkedHashMap<>();
        browser.open(url("index.html"));
        browser.signIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
        Poll.until(PAGE, () -> assertFalse(browser.find("#username").isDisplayed(), "signed in"));
        for (String page : List.of("index.html", "lines.html", "line.html?code=" + LINE, "hours.html?line=" + LINE,
                "listeners.html", "messages.html?line=" + LINE, "reports.html", "accounts.html", "audit.html")) {
            browser.open(url(page));
            List<WebElement> controls;
            try {
                controls = settled();
            } catch (AssertionError e) {
                throw new AssertionError(page + ": " + e.getMessage() + "; the page says: "
                        + browser.text("body").orElse(""), e);
            }
            List<String> found = new ArrayList<>();
            found.addAll(unnamed(controls));
            found.addAll(notReachedByTab(controls));
            if (!found.isEmpty()) {
                faults.put(page, found);
            }
        }
        assertEquals(Map.of(), faults, "controls without an accessible name or out of the keyboard's reach, by page");
    }

    /** The page's visible controls once it has drawn them (the same set twice in a row). */
    private List<WebElement> settled() {
        AtomicReference<List<String>> last = new AtomicReference<>(List.of());
        AtomicReference<List<WebElement>> controls = new AtomicReference<>();
        Poll.until(PAGE, () -> {
            assertFalse(browser.find("#username").isDisplayed(), "signed in");
            List<WebElement> now = browser.visible(CONTROLS);
            List<String> ids = now.stream().map(this::describe).toList();
            boolean same = ids.equals(last.getAndSet(ids));
            controls.set(now);
            assertFalse(now.isEmpty(), "the page drew its controls");
            assertEquals(true, same, "the page stopped drawing");
        });
        return controls.get();
    }

    private List<String> unnamed(List<WebElement> controls) {
        List<String> found = new ArrayList<>();
        for (WebElement control : controls) {
            String name = control.getAccessibleName();
            if (name == null || name.isBlank()) {
                found.add("no accessible name: " + describe(control));
            }
        }
        return found;
    }

    /** Presses Tab from the top of the page until focus comes round again, noting every control it lands on. */
    private List<String> notReachedByTab(List<WebElement> controls) {
        browser.driver().executeScript("""
                arguments[0].forEach((e, i) => e.setAttribute('data-kbd', String(i)));
                document.activeElement && document.activeElement.blur();
                window.scrollTo(0, 0);""", controls);
        Set<Integer> reached = new TreeSet<>();
        Actions keys = new Actions(browser.driver());
        int presses = controls.size() * 2 + 20;
        for (int i = 0; i < presses; i++) {
            keys.sendKeys(Keys.TAB).perform();
            Object index = browser.driver().executeScript(
                    "const a = document.activeElement; return a ? a.getAttribute('data-kbd') : null;");
            if (index != null) {
                reached.add(Integer.parseInt(index.toString()));
            }
        }
        List<String> found = new ArrayList<>();
        for (int i = 0; i < controls.size(); i++) {
            WebElement control = controls.get(i);
            if (!reached.contains(i) && control.isEnabled() && !inertByDesign(control)) {
                found.add("not reached by Tab: " + describe(control));
            }
        }
        return found;
    }

    /** Radio buttons of one group share a single Tab stop (arrows move within it): one reached is enough. */
    private boolean inertByDesign(WebElement control) {
        if (!"radio".equals(control.getAttribute("type"))) {
            return false;
        }
        String group = control.getAttribute("name");
        return browser.driver().findElements(By.cssSelector("input[type=radio][name='" + group + "']")).stream()
                .anyMatch(r -> r.getAttribute("data-kbd") != null && !r.equals(control) && r.isSelected());
    }

    private String describe(WebElement e) {
        String id = e.getAttribute("id");
        String text = e.getText();
        return e.getTagName() + (id == null || id.isEmpty() ? "" : "#" + id)
                + (e.getAttribute("name") == null ? "" : "[name=" + e.getAttribute("name") + "]")
                + (text == null || text.isBlank() ? "" : " '" + text.strip().lines().findFirst().orElse("") + "'");
    }
}
