/** A minimal JSON reader for model configuration files, with typed accessors that name missing fields. */
package io.voxtok.nn.config;
