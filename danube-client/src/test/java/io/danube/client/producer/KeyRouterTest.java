package io.danube.client.producer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRouterTest {

    @Test
    void hashOfEmptyKeyIsTheOffsetBasis() {
        assertThat(KeyRouter.fnv1a64("")).isEqualTo(0xcbf29ce484222325L);
    }

    @Test
    void hashMatchesPublishedFnv1a64Vectors() {
        assertThat(KeyRouter.fnv1a64("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(KeyRouter.fnv1a64("foobar")).isEqualTo(0x85944171f73967e8L);
    }

    @Test
    void hashUsesUtf8BytesOfNonAsciiKeys() {
        assertThat(KeyRouter.fnv1a64("ключ")).isEqualTo(0x296130de6f5b7a81L);
    }

    @Test
    void partitionIsUnsignedRemainderOfTheHash() {
        // 0xcbf29ce484222325 is negative as a signed long; unsigned mod 3 = 2, mod 4 = 1.
        assertThat(KeyRouter.partitionFor("", 3)).isEqualTo(2);
        assertThat(KeyRouter.partitionFor("", 4)).isEqualTo(1);
        assertThat(KeyRouter.partitionFor("a", 3)).isEqualTo(1);
        assertThat(KeyRouter.partitionFor("order-42", 3)).isEqualTo(2);
        assertThat(KeyRouter.partitionFor("foobar", 3)).isZero();
    }
}
