package io.voxtok.modelio;

import io.voxtok.api.VoxtokException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Decides what the safe unpickler does with a global it meets.
 *
 * <p>The rule: a global from a module that can run code, touch files or processes, or import other code
 * ({@link #REFUSED_MODULES}, matched on the first dotted component) makes the whole file refused as soon as the
 * global is named, because a checkpoint of tensors never needs one and its presence means the file was crafted.
 * Of {@code builtins} only the plain data types ({@link #ALLOWED_BUILTINS}) are accepted: configuration objects such
 * as omegaconf's record {@code dict} or {@code list} as type references, whereas {@code eval}, {@code exec},
 * {@code getattr}, {@code __import__}, {@code open} and the rest are refused. The globals that rebuild tensors and
 * containers are interpreted by {@link PickleReader}. Every other global is harmless to name and, if called, becomes
 * an {@link OpaqueObject} that is skipped. No global is ever resolved to a Java class or executed.
 */
final class PickleGlobalPolicy {
    /** Modules whose globals make a file refused outright. */
    static final Set<String> REFUSED_MODULES = Set.of("os", "posix", "nt", "subprocess", "_posixsubprocess",
            "sys", "builtins", "__builtin__", "shutil", "socket", "importlib", "pickle", "_pickle", "runpy",
            "code", "codeop", "pty", "webbrowser", "ctypes", "marshal", "multiprocessing", "signal", "pdb",
            "commands", "popen2", "io", "_io", "operator", "asyncio", "_winapi");

    /** The builtins a checkpoint may name: plain data types, which cannot run code. */
    static final Set<String> ALLOWED_BUILTINS = Set.of("set", "frozenset", "bytearray", "dict", "list", "tuple",
            "int", "float", "complex", "str", "bytes", "bool", "object", "slice", "range");

    private PickleGlobalPolicy() {
    }

    /** Throws if {@code global} must not appear in a checkpoint read from {@code file}. */
    static void check(PickleGlobal global, Path file) {
        String module = global.module();
        String root = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        boolean builtin = root.equals("builtins") || root.equals("__builtin__");
        if (builtin && module.equals(root) && ALLOWED_BUILTINS.contains(global.name())) {
            return;
        }
        if (REFUSED_MODULES.contains(root)) {
            throw VoxtokException.userInput("refusing to load " + file + ": its pickle calls "
                    + global.qualifiedName() + ", which can run code or touch the system; a checkpoint of tensors "
                    + "never needs module '" + root + "', so this file was probably crafted to attack whoever loads "
                    + "it. Nothing from it was executed.");
        }
    }
}
