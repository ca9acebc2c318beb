package org.helpline.router.listeners;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A volunteer listener: a pseudonymous display name (never their civil identity), the SIP endpoint of their
 * softphone and the lines whose queues they join when they log in. A listener with a {@link #sipUsername} has a
 * SIP account the service generates ({@link SipAccountFile}); one without uses an endpoint written by hand.
 */
@Entity
@Table(name = "listener")
public class Listener extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    /** Channel technology and endpoint, e.g. {@code PJSIP/listener1}: the queue member's interface. */
    @Column(nullable = false, unique = true)
    public String endpoint;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "listener_line", joinColumns = @JoinColumn(name = "listener_id"))
    @Column(name = "line_code")
    public Set<String> lineCodes = new LinkedHashSet<>();

    /** A disabled listener keeps their record but has no SIP account and is in no queue. */
    @Column(nullable = false)
    public boolean enabled = true;

    /** The generated account's username (its endpoint is {@code PJSIP/<sipUsername>}), or null for a hand-written endpoint. */
    @Column(name = "sip_username")
    public String sipUsername;

    /** {@code md5:<hex of MD5(username:realm:password)>}: what Asterisk needs, never the password. */
    @Column(name = "sip_password_digest")
    public String sipPasswordDigest;

    /** The digest realm {@link #sipPasswordDigest} was computed with. */
    @Column(name = "sip_realm")
    public String sipRealm;

    @Version
    public long version;

    /** Whether the service generates this listener's SIP account. */
    public boolean hasGeneratedAccount() {
        return sipUsername != null;
    }

    /** The listener registered for an endpoint, if any. */
    public static Listener byEndpoint(String endpoint) {
        return find("endpoint", endpoint).firstResult();
    }
}
