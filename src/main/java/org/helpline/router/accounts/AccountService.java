package org.helpline.router.accounts;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.helpline.router.api.ApiProblem;
import org.helpline.router.api.FieldErrors;
import org.helpline.router.audit.AuditTrail;
import org.helpline.router.platform.AfterCommit;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Accounts of operators and coordinators, and the bootstrap of the first operator. */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,80}");
    /** The path segment of one's own account ({@code /api/users/me}); no account may take it as a name. */
    static final String ME = "me";

    private final PasswordChecks passwords;
    private final AuditTrail audit;
    private final PasswordPolicy policy;
    private final BootstrapConfig bootstrap;
    private final OutageCredentials outage;
    private final RecentPasswordChecks recent;
    private final AfterCommit afterCommit;
    private final Event<AccountChanged> changes;
    private final Clock clock;

    AccountService(PasswordChecks passwords, AuditTrail audit, AccountsConfig config, BootstrapConfig bootstrap,
                   OutageCredentials outage, RecentPasswordChecks recent, AfterCommit afterCommit,
                   Event<AccountChanged> changes, Clock clock) {
        this.passwords = passwords;
        this.audit = audit;
        this.policy = new PasswordPolicy(config.minPasswordLength());
        this.bootstrap = bootstrap;
        this.outage = outage;
        this.recent = recent;
        this.afterCommit = afterCommit;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Creates the first operator from {@code HELPLINE_BOOTSTRAP_OPERATOR} when no account exists. A value that
     * breaks the account rules (name, password length in characters, 72 bytes at most) stops the start-up with
     * an ERROR saying why.
     */
    @Transactional
    void bootstrap(@Observes StartupEvent event) {
        String spec = bootstrap.operator().filter(s -> !s.isBlank()).orElse(null);
        if (Account.count() > 0) {
            return;
        }
        if (spec == null) {
            LOG.warn("No account exists yet and HELPLINE_BOOTSTRAP_OPERATOR is not set: the API accepts nobody. "
                    + "Restart with HELPLINE_BOOTSTRAP_OPERATOR=name:password to create the first operator");
            return;
        }
        BootstrapOperator operator;
        try {
            operator = BootstrapOperator.parse(spec, policy);
        } catch (IllegalArgumentException e) {
            LOG.errorf("%s. No operator was created and the service stops: fix HELPLINE_BOOTSTRAP_OPERATOR and "
                    + "start again", e.getMessage());
            throw new IllegalStateException(e.getMessage() + "; the service does not start without a valid first "
                    + "operator");
        }
        Account a = new Account();
        a.username = operator.username();
        a.passwordHash = passwords.hash(operator.password());
        a.roles.add(Roles.OPERATOR);
        a.persist();
        audit.record("user.bootstrap", "user:" + a.username, Map.of("roles", a.roles));
        LOG.infof("Created the first operator account '%s' from HELPLINE_BOOTSTRAP_OPERATOR", a.username);
    }

    /**
     * Whether an account is still enabled, holds one of {@code roles}, and is unchanged since {@code version}
     * (its last-change time as seen at login; null accepts any). What an instance checks of the streams it serves,
     * to learn of changes made through another instance.
     */
    public boolean stillGranted(String username, Instant version, Set<String> roles) {
        return Account.findByUsername(username)
                .filter(a -> a.enabled)
                .filter(a -> a.roles.stream().anyMatch(roles::contains))
                .filter(a -> version == null || version.equals(a.updatedAt))
                .isPresent();
    }

    public List<Account> list() {
        return Account.list("order by username");
    }

    public Account get(String username) {
        return Account.findByUsername(username).orElseThrow(() -> ApiProblem.notFound("User '" + username + "'"));
    }

    @Transactional
    public Account create(AccountBodies.CreateRequest r) {
        if (r == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        FieldErrors errors = new FieldErrors();
        String username = errors.matching("username", r.username(), USERNAME,
                "must be 2 to 80 letters, digits or . _ @ -");
        checkPassword(errors, r.password());
        if (ME.equalsIgnoreCase(username)) {
            errors.add("username", "'" + username + "' is reserved (/api/users/me is one's own account)");
        }
        Set<String> roles = roles(errors, r.roles());
        errors.throwIfAny();
        if (Account.findByUsername(username).isPresent()) {
            throw ApiProblem.conflict("username", "A user named '" + username + "' already exists");
        }
        Account a = new Account();
        a.username = username;
        a.passwordHash = passwords.hash(r.password());
        a.roles.addAll(roles);
        a.persist();
        audit.record("user.create", "user:" + username, Map.of("roles", roles));
        return a;
    }

    @Transactional
    public Account changeRoles(String username, AccountBodies.RolesRequest r) {
        Account a = get(username);
        FieldErrors errors = new FieldErrors();
        Set<String> roles = roles(errors, r == null ? null : r.roles());
        errors.throwIfAny();
        if (!roles.contains(Roles.OPERATOR) && a.roles.contains(Roles.OPERATOR)) {
            ensureAnotherOperator(a, "roles");
        }
        a.roles.clear();
        a.roles.addAll(roles);
        a.updatedAt = Instant.now(clock);
        changed(username);
        audit.record("user.roles", "user:" + username, Map.of("roles", roles));
        return a;
    }

    @Transactional
    public Account resetPassword(String username, AccountBodies.PasswordRequest r) {
        Account a = get(username);
        FieldErrors errors = new FieldErrors();
        checkPassword(errors, r == null ? null : r.password());
        errors.throwIfAny();
        a.passwordHash = passwords.hash(r.password());
        a.updatedAt = Instant.now(clock);
        changed(username);
        audit.record("user.password-reset", "user:" + username, null);
        return a;
    }

    /** One's own password: the current one proves it is the account holder at the keyboard. */
    @Transactional
    public Account changeOwnPassword(String username, AccountBodies.OwnPasswordRequest r) {
        Account a = get(username);
        FieldErrors errors = new FieldErrors();
        String current = r == null ? null : r.currentPassword();
        if (current == null || current.isEmpty()) {
            errors.add("currentPassword", "is required");
        } else if (!passwords.matches(current, a.passwordHash)) {
            errors.add("currentPassword", "is not your current password");
        }
        checkPassword(errors, r == null ? null : r.password());
        if (errors.isEmpty() && r.password().equals(current)) {
            errors.add("password", "must differ from the current password");
        }
        errors.throwIfAny();
        a.passwordHash = passwords.hash(r.password());
        a.updatedAt = Instant.now(clock);
        changed(username);
        audit.record("user.password-change", "user:" + username, null);
        return a;
    }

    @Transactional
    public Account setEnabled(String username, AccountBodies.EnabledRequest r) {
        Account a = get(username);
        if (r == null || r.enabled() == null) {
            throw ApiProblem.invalid("enabled", "is required (true or false)");
        }
        if (!r.enabled() && a.roles.contains(Roles.OPERATOR)) {
            ensureAnotherOperator(a, "enabled");
        }
        a.enabled = r.enabled();
        a.updatedAt = Instant.now(clock);
        changed(username);
        audit.record(r.enabled() ? "user.enable" : "user.disable", "user:" + username, null);
        return a;
    }

    private void ensureAnotherOperator(Account a, String field) {
        long others = Account.count("select count(distinct a) from Account a join a.roles r "
                + "where r = ?1 and a.enabled = true and a.id <> ?2", Roles.OPERATOR, a.id);
        if (others == 0) {
            throw ApiProblem.conflict(field, "'" + a.username + "' is the last enabled operator; keep at least one");
        }
    }

    /** What was granted on the account's old credentials is dropped now and, once the change commits, ended. */
    private void changed(String username) {
        outage.forget(username);
        recent.forget(username);
        afterCommit.run(() -> changes.fire(new AccountChanged(username)));
    }

    private void checkPassword(FieldErrors errors, String password) {
        policy.problem(password).ifPresent(problem -> errors.add("password", problem));
    }

    private Set<String> roles(FieldErrors errors, List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            errors.add("roles", "must name at least one of " + new TreeSet<>(Roles.ALL));
            return Set.of();
        }
        Set<String> roles = new TreeSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String role = requested.get(i);
            if (role == null || !Roles.ALL.contains(role)) {
                errors.add("roles[" + i + "]", "must be one of " + new TreeSet<>(Roles.ALL));
            } else {
                roles.add(role);
            }
        }
        return roles;
    }
}
