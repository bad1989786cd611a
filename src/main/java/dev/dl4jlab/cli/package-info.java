/**
 * The {@code lab} command line (picocli): one class per command, each composing the pipeline, the listeners, the
 * recorders and the pictures it needs. User errors become one line and exit code 2. Uses every package.
 */
package dev.dl4jlab.cli;
