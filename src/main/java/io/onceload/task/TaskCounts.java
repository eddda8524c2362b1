package io.onceload.task;

/** What a task wrote; an {@code sql} task counts every row its statements affected as updated. */
public record TaskCounts(long inserted, long updated, long deleted, long unchanged) {

    static final TaskCounts NONE = new TaskCounts(0, 0, 0, 0);
}
