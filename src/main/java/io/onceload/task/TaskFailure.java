package io.onceload.task;

/** A task that ran and failed for a reason retrying will not change: a check's violations, a row out of its slice. */
final class TaskFailure extends RuntimeException {

    TaskFailure(String message) {
        super(message);
    }
}
