package io.danube.connect.jdbc.write;

import io.danube.client.error.Causes;
import io.danube.connect.logging.Redaction;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

/**
 * Classifies database failures by SQLSTATE. Class 22 (data exception: bad value, overflow, wrong format) and class 23
 * (integrity constraint violation: not null, unique, foreign key, check) are the row's fault; everything else —
 * class 08 connection errors, 40001 serialization failures, 40P01 deadlocks, 57P01/57P03 shutdowns, class 53
 * resource errors, class 28 rejected logins, and errors without a SQLSTATE — is treated as transient.
 */
public final class SqlErrors {

    private SqlErrors() {
    }

    /** Whether {@code error} is a data error that retrying the same row cannot fix. */
    public static boolean isDataError(Throwable error) {
        SQLException sql = mostSpecific(error);
        String state = sql == null ? null : sql.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /**
     * {@code SQLSTATE <code>: <database message>} of the most specific SQL error, else the exception message; a
     * credential inside a URL in it is masked, as the text goes into logs, health and dead-letter attributes.
     */
    public static String describe(Throwable error) {
        SQLException sql = mostSpecific(error);
        if (sql == null) {
            return Redaction.redact(error.getClass().getSimpleName() + ": " + error.getMessage());
        }
        return Redaction.redact("SQLSTATE " + sql.getSQLState() + ": " + sql.getMessage());
    }

    /**
     * The SQL error that says what went wrong: inside a batch failure the driver's first chained error (pgjdbc puts
     * the server's message there), else the first {@link SQLException} with a SQLSTATE in the cause chain.
     */
    static SQLException mostSpecific(Throwable error) {
        SQLException found = null;
        for (Throwable current : Causes.of(error)) {
            if (current instanceof BatchUpdateException batch) {
                SQLException next = batch.getNextException();
                if (next != null && next.getSQLState() != null) {
                    return next;
                }
            }
            if (current instanceof SQLException sql && sql.getSQLState() != null && found == null) {
                found = sql;
            }
        }
        return found;
    }
}
