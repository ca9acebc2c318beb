package org.helpline.router.listeners;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Asterisk says of each SIP account, as this instance heard it over AMI since it started: whether a phone is
 * registered (contacts and their qualify status) and the failed registrations (wrong password, unknown account),
 * counted without anything the phone sent. Every instance hears the same events, so each keeps its own copy.
 */
@ApplicationScoped
public class SipRegistrations {

    /** A phone's registration as operators see it. */
    public enum Status {
        /** A contact is registered and answers (or is not qualified). */
        REGISTERED,
        /** A contact is registered but does not answer qualify OPTIONS. */
        UNREACHABLE,
        /** No contact. */
        NOT_REGISTERED,
        /** Not known: Asterisk is not reachable, or has not been asked yet. */
        UNKNOWN
    }

    /** An account's registration and failed attempts; times are null when there is none. */
    public record Registration(Status status, Instant since, Instant lastFailedAt, long failedAttempts) {
    }

    /** Accounts whose failures are remembered at most: scanners try endless names, memory must not follow them. */
    static final int MAX_FAILING_ACCOUNTS = 2000;

    private final Map<String, Map<String, String>> contacts = new HashMap<>();
    private final Map<String, Instant> since = new HashMap<>();
    private final Map<String, Failures> failures = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_FAILING_ACCOUNTS;
        }
    };
    private boolean known;

    private record Failures(Instant last, long count) {
    }

    /** A registration (or any request) of {@code account} failed authentication at {@code at}. */
    public synchronized void failed(String account, Instant at) {
        if (account == null || account.isBlank()) {
            return;
        }
        Failures f = failures.get(account);
        failures.put(account, new Failures(at, f == null ? 1 : f.count() + 1));
    }

    /** A contact of {@code account} changed: {@code status} as Asterisk words it (Reachable, Removed, …). */
    public synchronized void contactChanged(String account, String uri, String status, Instant at) {
        if (account == null || uri == null || status == null) {
            return;
        }
        Status before = status(account);
        Map<String, String> of = contacts.computeIfAbsent(account, a -> new HashMap<>());
        if ("Removed".equalsIgnoreCase(status)) {
            of.remove(uri);
        } else {
            of.put(uri, status);
        }
        if (of.isEmpty()) {
            contacts.remove(account);
        }
        if (status(account) != before) {
            since.put(account, at);
        }
    }

    /** Every contact Asterisk has now (account, contact URI, status), replacing what was known. */
    public synchronized void contactsListed(List<Contact> all, Instant at) {
        Map<String, Status> before = new HashMap<>();
        contacts.keySet().forEach(a -> before.put(a, status(a)));
        contacts.clear();
        for (Contact c : all) {
            if (c.account() != null && c.uri() != null) {
                contacts.computeIfAbsent(c.account(), a -> new HashMap<>()).put(c.uri(), c.status());
            }
        }
        since.keySet().removeIf(a -> !contacts.containsKey(a) && !before.containsKey(a));
        for (String a : contacts.keySet()) {
            if (before.get(a) != status(a)) {
                since.put(a, at);
            }
        }
        before.keySet().stream().filter(a -> !contacts.containsKey(a)).forEach(a -> since.put(a, at));
        known = true;
    }

    /** The link to Asterisk is lost: registrations are unknown until the next list. */
    public synchronized void unknown() {
        known = false;
        contacts.clear();
        since.clear();
    }

    public synchronized Registration of(String account) {
        Failures f = account == null ? null : failures.get(account);
        Status s = account == null || !known ? Status.UNKNOWN : status(account);
        return new Registration(s, s == Status.UNKNOWN ? null : since.get(account),
                f == null ? null : f.last(), f == null ? 0 : f.count());
    }

    private Status status(String account) {
        Map<String, String> of = contacts.get(account);
        if (of == null || of.isEmpty()) {
            return Status.NOT_REGISTERED;
        }
        return of.values().stream().allMatch("Unreachable"::equalsIgnoreCase) ? Status.UNREACHABLE : Status.REGISTERED;
    }

    /** One contact of an account as Asterisk lists it. */
    public record Contact(String account, String uri, String status) {
    }
}
