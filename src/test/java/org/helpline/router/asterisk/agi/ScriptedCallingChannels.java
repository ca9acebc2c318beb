package org.helpline.router.asterisk.agi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.helpline.router.listeners.CallingChannels;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Asterisk's word on calling channels as a test says (default: confirmed), recording what it was asked; enabled
 * only by {@link LiveStateProfile}.
 */
@Alternative
@ApplicationScoped
public class ScriptedCallingChannels implements CallingChannels {

    /** One question: the phone channel and the secret a request claimed. */
    public record Asked(String phoneChannel, String secret) {
    }

    private volatile Verdict verdict = Verdict.CONFIRMED;
    private final List<Asked> asked = new CopyOnWriteArrayList<>();

    public void answer(Verdict verdict) {
        this.verdict = verdict;
    }

    public List<Asked> asked() {
        return List.copyOf(asked);
    }

    @Override
    public Verdict verify(String phoneChannel, String secret) {
        asked.add(new Asked(phoneChannel, secret));
        return verdict;
    }
}
