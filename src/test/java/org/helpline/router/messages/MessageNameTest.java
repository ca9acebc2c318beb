package org.helpline.router.messages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The messages a line may record are exactly those the dialplan plays through {@code [helpline-play]}. */
class MessageNameTest {

    private static final Pattern PLAY = Pattern.compile("Gosub\\(helpline-play,s,1\\(([a-z0-9-]+)\\)\\)");

    @Test
    void theNamesAreThoseTheDialplanPlaysThroughHelplinePlay() throws IOException {
        Set<String> played = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("asterisk-config/extensions.conf"))) {
            String code = line.contains(";") ? line.substring(0, line.indexOf(';')) : line;
            Matcher m = PLAY.matcher(code);
            while (m.find()) {
                played.add(m.group(1));
            }
        }
        assertEquals(new TreeSet<>(MessageName.names()), played);
    }

    @Test
    void everyNameHasAGenericPromptInEveryLanguage() {
        GenericPrompts prompts = new GenericPrompts();
        for (MessageName name : MessageName.values()) {
            for (String language : org.helpline.router.lines.LineService.LANGUAGES) {
                GenericPrompts.Prompt prompt = prompts.of(name, language);
                assertTrue(TestWavs.format(prompt.wav()).matches(TelephoneAudio.TELEPHONE), name + " " + language);
                assertTrue(prompt.durationMillis() > 500, name + " " + language);
            }
        }
        assertEquals(MessageName.GOODBYE, MessageName.of("goodbye").orElseThrow());
        assertTrue(MessageName.of("welcome").isEmpty());
    }
}
