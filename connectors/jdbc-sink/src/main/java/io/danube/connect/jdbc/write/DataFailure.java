package io.danube.connect.jdbc.write;

/** A write failed because of the data of some row in it (SQLSTATE class 22 or 23); the batch can be split. */
final class DataFailure extends RuntimeException {

    DataFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
