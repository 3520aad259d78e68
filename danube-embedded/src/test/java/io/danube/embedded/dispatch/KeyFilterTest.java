package io.danube.embedded.dispatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyFilterTest {

    @Test
    void starMatchesAnyRunAndQuestionMarkExactlyOne() {
        assertThat(new KeyFilter("eu-*").matches("eu-paris")).isTrue();
        assertThat(new KeyFilter("eu-*").matches("eu-")).isTrue();
        assertThat(new KeyFilter("eu-*").matches("us-paris")).isFalse();
        assertThat(new KeyFilter("us-?").matches("us-1")).isTrue();
        assertThat(new KeyFilter("us-?").matches("us-12")).isFalse();
        assertThat(new KeyFilter("*-*-x").matches("a-b-c-x")).isTrue();
        assertThat(new KeyFilter("a*b*c").matches("abbbc")).isTrue();
        assertThat(new KeyFilter("a*b*c").matches("abbbcd")).isFalse();
        assertThat(new KeyFilter("*").matches("")).isTrue();
        assertThat(new KeyFilter("").matches("x")).isFalse();
    }

    @Test
    void matchingIsCaseSensitiveAndWholeString() {
        assertThat(new KeyFilter("Key").matches("key")).isFalse();
        assertThat(new KeyFilter("key").matches("key-1")).isFalse();
        assertThat(new KeyFilter("key").matches("key")).isTrue();
    }

    @Test
    void questionMarkIsOneUtf8Byte() {
        assertThat(new KeyFilter("eu-?").matches("eu-ü")).isFalse();
        assertThat(new KeyFilter("eu-?").matches("eu-€")).isFalse();
        assertThat(new KeyFilter("eu-??").matches("eu-ü")).isTrue();
        assertThat(new KeyFilter("eu-???").matches("eu-€")).isTrue();
        assertThat(new KeyFilter("?").matches("\uD83D\uDE00")).isFalse();
        assertThat(new KeyFilter("????").matches("\uD83D\uDE00")).isTrue();
    }

    @Test
    void starSpansMultiByteCharactersAndNonAsciiLiteralsMatchThemselves() {
        assertThat(new KeyFilter("eu-*").matches("eu-ü€")).isTrue();
        assertThat(new KeyFilter("*€").matches("preis-€")).isTrue();
        assertThat(new KeyFilter("*€").matches("preis-$")).isFalse();
        assertThat(new KeyFilter("ü*").matches("über")).isTrue();
    }

    @Test
    void bracketsAreLiteralsNotCharacterClasses() {
        assertThat(new KeyFilter("eu-[ab]").matches("eu-a")).isFalse();
        assertThat(new KeyFilter("eu-[ab]").matches("eu-[ab]")).isTrue();
        assertThat(new KeyFilter("[!a]*").matches("b")).isFalse();
    }
}
