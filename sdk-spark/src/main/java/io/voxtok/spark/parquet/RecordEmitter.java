package io.voxtok.spark.parquet;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Field-by-field writing of one Parquet record, in the schema's field order. Why not Parquet's example
 * {@code Group} API: it builds an object per code, and a shard holds millions of codes.
 */
final class RecordEmitter {
    private final RecordConsumer rc;
    private int field;

    RecordEmitter(RecordConsumer rc) {
        this.rc = rc;
    }

    /** Starts a record at field 0. */
    void start() {
        rc.startMessage();
        field = 0;
    }

    void end() {
        rc.endMessage();
    }

    void string(String name, String value) {
        rc.startField(name, field);
        rc.addBinary(Binary.fromString(value));
        rc.endField(name, field++);
    }

    void int32(String name, int value) {
        rc.startField(name, field);
        rc.addInteger(value);
        rc.endField(name, field++);
    }

    void float64(String name, double value) {
        rc.startField(name, field);
        rc.addDouble(value);
        rc.endField(name, field++);
    }

    void bool(String name, boolean value) {
        rc.startField(name, field);
        rc.addBoolean(value);
        rc.endField(name, field++);
    }

    /** A required {@code LIST} of int32. */
    void intArray(String name, int[] values) {
        rc.startField(name, field);
        intList(values);
        rc.endField(name, field++);
    }

    /** A required {@code LIST} of required {@code LIST}s of int32. */
    void intMatrix(String name, int[][] rows) {
        rc.startField(name, field);
        rc.startGroup();
        if (rows.length > 0) {
            rc.startField("list", 0);
            for (int[] row : rows) {
                rc.startGroup();
                rc.startField("element", 0);
                intList(row);
                rc.endField("element", 0);
                rc.endGroup();
            }
            rc.endField("list", 0);
        }
        rc.endGroup();
        rc.endField(name, field++);
    }

    /** A required {@code LIST} of required {@code LIST}s of float. */
    void floatMatrix(String name, float[][] rows) {
        rc.startField(name, field);
        rc.startGroup();
        if (rows.length > 0) {
            rc.startField("list", 0);
            for (float[] row : rows) {
                rc.startGroup();
                rc.startField("element", 0);
                floatList(row);
                rc.endField("element", 0);
                rc.endGroup();
            }
            rc.endField("list", 0);
        }
        rc.endGroup();
        rc.endField(name, field++);
    }

    /** A required {@code MAP} of string to string. */
    void stringMap(String name, java.util.Map<String, String> map) {
        rc.startField(name, field);
        rc.startGroup();
        if (!map.isEmpty()) {
            rc.startField("key_value", 0);
            for (java.util.Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
                rc.startGroup();
                rc.startField("key", 0);
                rc.addBinary(Binary.fromString(e.getKey()));
                rc.endField("key", 0);
                rc.startField("value", 1);
                rc.addBinary(Binary.fromString(e.getValue()));
                rc.endField("value", 1);
                rc.endGroup();
            }
            rc.endField("key_value", 0);
        }
        rc.endGroup();
        rc.endField(name, field++);
    }

    /** A required {@code MAP} of string to a required {@code LIST} of float. */
    void floatListMap(String name, java.util.Map<String, float[]> map) {
        rc.startField(name, field);
        rc.startGroup();
        if (!map.isEmpty()) {
            rc.startField("key_value", 0);
            for (java.util.Map.Entry<String, float[]> e : new java.util.TreeMap<>(map).entrySet()) {
                rc.startGroup();
                rc.startField("key", 0);
                rc.addBinary(Binary.fromString(e.getKey()));
                rc.endField("key", 0);
                rc.startField("value", 1);
                floatList(e.getValue());
                rc.endField("value", 1);
                rc.endGroup();
            }
            rc.endField("key_value", 0);
        }
        rc.endGroup();
        rc.endField(name, field++);
    }

    /** The group of a {@code LIST} of int32 (its "list" repeated field), inside an already started field. */
    private void intList(int[] values) {
        rc.startGroup();
        if (values.length > 0) {
            rc.startField("list", 0);
            for (int v : values) {
                rc.startGroup();
                rc.startField("element", 0);
                rc.addInteger(v);
                rc.endField("element", 0);
                rc.endGroup();
            }
            rc.endField("list", 0);
        }
        rc.endGroup();
    }

    /** The group of a {@code LIST} of float (its "list" repeated field), inside an already started field. */
    private void floatList(float[] values) {
        rc.startGroup();
        if (values.length > 0) {
            rc.startField("list", 0);
            for (float v : values) {
                rc.startGroup();
                rc.startField("element", 0);
                rc.addFloat(v);
                rc.endField("element", 0);
                rc.endGroup();
            }
            rc.endField("list", 0);
        }
        rc.endGroup();
    }
}
