package io.danube.connect.jdbc;

import io.danube.connect.jdbc.write.SqlErrors;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class SqlErrorsTest {

    @Test
    void dataExceptionsAndConstraintViolationsAreTheRowsFault() {
        assertThat(SqlErrors.isDataError(new SQLException("value too long", "22001"))).isTrue();
        assertThat(SqlErrors.isDataError(new SQLException("duplicate key", "23505"))).isTrue();
        assertThat(SqlErrors.isDataError(new RuntimeException("wrapped", new SQLException("not null", "23502"))))
                .isTrue();
    }

    @Test
    void connectionLossDeadlocksSerializationFailuresShutdownsAndLoginsAreTransient() {
        for (String state : new String[] {"08006", "40001", "40P01", "57P01", "57P03", "53300", "28000"}) {
            assertThat(SqlErrors.isDataError(new SQLException("x", state))).as(state).isFalse();
        }
        assertThat(SqlErrors.isDataError(new SQLException("no state"))).isFalse();
    }

    @Test
    void aBatchFailureIsDescribedByTheDriversChainedError() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT ... was aborted", "23505",
                new int[0]);
        batch.setNextException(new SQLException("ERROR: duplicate key value violates unique constraint", "23505"));
        assertThat(SqlErrors.describe(new RuntimeException(batch)))
                .isEqualTo("SQLSTATE 23505: ERROR: duplicate key value violates unique constraint");
    }
}
