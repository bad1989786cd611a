/**
 * CSV tables: reading them through DataVec's CSVRecordReader, columns matched by header name (never by position),
 * the label column and class list, and rows to predict matched as training read them.
 */
package dev.dl4jlab.data.table;
