/**
 * Run reports: journal.json, self-contained HTML, Markdown summary and JUnit XML.
 */
package dev.chargestorm.steadystate.report;
