package io.onceload.copy;

/** Proleptic Gregorian dates as PostgreSQL counts them, from the digits of a canonical spelling, without objects. */
final class Calendar {

    /** Returned for a spelling that is not a date of the years 0001 to 9999. */
    static final long INVALID = Long.MIN_VALUE;

    /** Days from 0000-03-01 to 1970-01-01 plus 1970-01-01 to 2000-01-01: PostgreSQL counts from 2000-01-01. */
    private static final long MARCH_ZERO_TO_POSTGRES_EPOCH = 719_468L + 10_957L;

    private Calendar() {
    }

    /** The date in the first ten characters ({@code yyyy-MM-dd}, separators already checked) as days since 2000-01-01. */
    static long day(String text) {
        int century = twoDigits(text, 0);
        int yearOfCentury = twoDigits(text, 2);
        int year = century * 100 + yearOfCentury;
        int month = twoDigits(text, 5);
        int day = twoDigits(text, 8);
        if (century < 0 || yearOfCentury < 0 || year < 1 || month < 1 || month > 12 || day < 1
                || day > length(year, month)) {
            return INVALID;
        }
        // counted in years that start in March, so the leap day ends a year: day of year = (153 m' + 2) / 5
        int y = month <= 2 ? year - 1 : year;
        int shiftedMonth = month <= 2 ? month + 9 : month - 3;
        long era = y / 400;
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - MARCH_ZERO_TO_POSTGRES_EPOCH;
    }

    /** Two ASCII digits at {@code at} as a number, or -1. */
    static int twoDigits(String text, int at) {
        int tens = text.charAt(at) - '0';
        int ones = text.charAt(at + 1) - '0';
        return tens < 0 || tens > 9 || ones < 0 || ones > 9 ? -1 : tens * 10 + ones;
    }

    private static int length(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
