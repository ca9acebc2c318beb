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
 * softphone and the lines whose queues they join when they log in.
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

    @Version
    public long version;

    /** The listener registered for an endpoint, if any. */
    public static Listener byEndpoint(String endpoint) {
        return find("endpoint", endpoint).firstResult();
    }
}
