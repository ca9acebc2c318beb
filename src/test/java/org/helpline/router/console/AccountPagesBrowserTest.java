package org.helpline.router.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.helpline.router.support.FakeAmiProfile;
import org.helpline.router.support.Poll;
import org.helpline.router.support.PostgresTestResource;
import org.helpline.router.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.helpline.router.console.PageFixtures.url;
import static org.helpline.router.support.TestAccounts.as;
import static org.helpline.router.support.TestAccounts.asOperator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts in the console, in a real headless Chromium: an operator creates one, changes its roles, disables it
 * and reads it all in the audit trail, newest first; a coordinator changes their own password and stays signed in.
 */
@QuarkusTest
@TestProfile(FakeAmiProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class AccountPagesBrowserTest {

    private static final Duration PAGE = Duration.ofSeconds(10);

    ConsoleBrowser browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = ConsoleBrowser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void operatorCreatesAnAccountChangesItAndReadsTheAuditTrail() throws Exception {
        String user = "page-benevole-" + System.nanoTime() % 100000;
        browser.open(url("accounts.html"));
        browser.signIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
        Poll.until(PAGE, () -> assertTrue(browser.present("#accounts-list tr[data-username='test-operator']")));

        browser.type("#account-username", user);
        browser.type("#account-password", "short");
        browser.find("#account-create").click();
        Poll.until(PAGE, () -> assertEquals("must be at least 12 characters (it has 5)",
                browser.text("#account-password + .field-error").orElseThrow()));

        browser.type("#account-password", "un mot de passe assez long");
        browser.find("#account-create").click();
        String row = "#accounts-list tr[data-username='" + user + "']";
        Poll.until(PAGE, () -> assertTrue(browser.present(row)));
        as(user, "un mot de passe assez long").get("/api/users/me").then().statusCode(200);

        browser.find(row + " input[value='operator']").click();
        browser.find(row + " .roles button").click();
        Poll.until(PAGE, () -> assertTrue(browser.text("#page-message").orElseThrow().startsWith("Rôles de " + user)));
        assertEquals(List.of("coordinator", "operator"),
                asOperator().get("/api/users/" + user).jsonPath().<String>getList("roles").stream().sorted().toList());

        browser.find(row + " .actions button").click(); // Désactiver
        Poll.until(PAGE, () -> assertEquals("désactivé", browser.text(row + " .enabled").orElseThrow()));
        as(user, "un mot de passe assez long").get("/api/users/me").then().statusCode(401);
        browser.shot("accounts");

        browser.find(row + " .actions a").click(); // Historique
        Poll.until(PAGE, () -> assertEquals(3, browser.visible("#audit-list tbody tr").size()));
        assertEquals(List.of("user.disable", "user.roles", "user.create"),
                browser.visible("#audit-list tbody .action .code").stream().map(e -> e.getText()).toList(), "newest first");
        assertEquals("compte désactivé", browser.find("#audit-list tbody tr:first-child .action").getText().split("\n")[0]);
        assertEquals("test-operator", browser.text("#audit-list tbody tr:first-child .actor").orElseThrow());

        browser.find("#audit-all").click();
        Poll.until(PAGE, () -> assertTrue(browser.visible("#audit-list tbody tr").size() > 3));
        browser.shot("audit");
        browser.find("#audit-list tbody tr:first-child .target button").click(); // filter on a target by clicking it
        Poll.until(PAGE, () -> assertEquals("user:" + user, browser.find("#audit-target").getAttribute("value")));
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void coordinatorChangesTheirOwnPasswordAndStaysSignedIn() {
        PageFixtures.coordinator("page-claire", "page-claire-password-1");
        browser.open(url("accounts.html"));
        browser.signIn("page-claire", "page-claire-password-1");
        Poll.until(PAGE, () -> assertEquals("Connecté·e : page-claire — coordinateur·rice.", browser.text("#me-who").orElseThrow()));
        assertFalse(browser.find("#accounts").isDisplayed(), "accounts are the operators'");

        browser.type("#current-password", "not-my-password");
        browser.type("#new-password", "page-claire-password-2");
        browser.type("#new-password-again", "page-claire-password-2");
        browser.find("#password-save").click();
        Poll.until(PAGE, () -> assertEquals("is not your current password",
                browser.text("#current-password + .field-error").orElseThrow()));

        browser.type("#current-password", "page-claire-password-1");
        browser.type("#new-password-again", "page-claire-password-3");
        browser.find("#password-save").click();
        Poll.until(PAGE, () -> assertEquals("Les deux saisies du nouveau mot de passe diffèrent.",
                browser.text("#password-error").orElseThrow()));

        browser.type("#new-password-again", "page-claire-password-2");
        browser.find("#password-save").click();
        Poll.until(PAGE, () -> assertTrue(browser.text("#page-message").orElseThrow().startsWith("Mot de passe changé")));
        as("page-claire", "page-claire-password-1").get("/api/users/me").then().statusCode(401);
        as("page-claire", "page-claire-password-2").get("/api/users/me").then().statusCode(200);

        browser.open(url("lines.html"));
        Poll.until(PAGE, () -> assertTrue(browser.find("#board").isDisplayed(), "the tab signs in with the new password"));
        assertEquals("page-claire — coordinateur·rice", browser.text("#who").orElseThrow());
        assertEquals(List.of(), browser.scriptErrors());
    }
}
