package io.danube.connect.clickhouse;

import io.danube.connect.clickhouse.http.ServerError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerErrorTest {

    @Test
    void theCodeAndMessageAreReadFromAnOldServersBody() {
        ServerError error = ServerError.of(500, null, "Code: 27, e.displayText() = DB::Exception: Cannot parse input:"
                + " expected , before: true}: (at row 1)\n, e.what() = DB::Exception\n");

        assertThat(error.code()).isEqualTo(27);
        assertThat(error.message())
                .isEqualTo("DB::Exception: Cannot parse input: expected , before: true}: (at row 1)");
        assertThat(error.dataError()).isTrue();
    }

    @Test
    void theExceptionCodeHeaderOfNewerServersWins() {
        ServerError error = ServerError.of(400, "117", "Code: 117. DB::Exception: Unknown field found while parsing"
                + " JSONEachRow format: extra: (at row 1). (INCORRECT_DATA) (version 23.8.1.1)");

        assertThat(error.code()).isEqualTo(117);
        assertThat(error.message()).startsWith("DB::Exception: Unknown field found");
        assertThat(error.dataError()).isTrue();
    }

    @Test
    void tooManyPartsMissingTablesAndUnknownUsersAreNotTheRowsFault() {
        assertThat(ServerError.of(500, null, "Code: 252, e.displayText() = DB::Exception: Too many parts (300)."
                + " Merges are processing significantly slower than inserts., e.what() = DB::Exception")
                .dataError()).isFalse();
        assertThat(ServerError.of(404, null, "Code: 60, e.displayText() = DB::Exception: Table default.x doesn't"
                + " exist., e.what() = DB::Exception").dataError()).isFalse();
        assertThat(ServerError.of(401, null, "Code: 192, e.displayText() = DB::Exception: Unknown user nobody,"
                + " e.what() = DB::Exception").dataError()).isFalse();
    }

    @Test
    void aReplyWithoutACodeKeepsItsStatus() {
        ServerError error = ServerError.of(502, null, "");

        assertThat(error.code()).isZero();
        assertThat(error.message()).isEqualTo("HTTP 502");
        assertThat(error.dataError()).isFalse();
    }
}
