package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;

/**
 * Starts the Spark candidate trainer when this build has it ({@code mvn -Pcpu,spark}); Spark stays out of the default
 * build, so it is looked up by name.
 */
final class SparkTrainer {
    static final String CLASS = "dev.dl4jlab.spark.SparkCandidateTrainer";

    private SparkTrainer() {
    }

    /** @param from names where the master came from in messages: --spark, or the sweep file's spark.master */
    static AutoCloseable start(String master, String name, String from) {
        if (!master.matches("local(\\[(\\d+|\\*)(,\\d+)?])?|spark://[^\\s/]+(:\\d+)?(,[^\\s/]+(:\\d+)?)*|yarn|k8s://\\S+")) {
            throw new UserError(from + " must be local[N], spark://HOST:PORT, yarn or k8s://URL, got " + master);
        }
        Class<?> type;
        try {
            type = Class.forName(CLASS);
        } catch (ClassNotFoundException e) {
            throw new UserError(from + ": this build has no Spark; build it with mvn -Pcpu,spark -DskipTests package "
                    + "(README \"Beyond one machine\")");
        }
        try {
            return (AutoCloseable) type.getMethod("start", String.class, String.class).invoke(null, master, name);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
