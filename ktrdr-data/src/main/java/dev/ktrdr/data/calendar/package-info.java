/**
 * Trading calendars: crypto (24/7), forex (Sunday to Friday 17:00 New York) and US equities (NYSE
 * regular session, holidays by rule, early closes), through {@link dev.ktrdr.data.calendar.Calendars}.
 */
package dev.ktrdr.data.calendar;
