package io.voxtok.runtime.registry;

import io.voxtok.api.Component;
import io.voxtok.api.ComponentFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Wraps a plugin object so that every call runs with the thread context class loader set to the plugin's loader
 * (libraries that use {@link java.util.ServiceLoader} or the TCCL then see the plugin's classes; DESIGN-NOTES P1,
 * P11). Components returned by a wrapped factory are wrapped too. Only SPI interfaces visible from the host are
 * proxied, so the proxy's types are the host's.
 */
public final class ContextClassLoaderProxy implements InvocationHandler {
    private final Object target;
    private final ClassLoader pluginLoader;

    private ContextClassLoaderProxy(Object target, ClassLoader pluginLoader) {
        this.target = target;
        this.pluginLoader = pluginLoader;
    }

    /**
     * Wraps {@code target}, exposing every interface of its class hierarchy that comes from the host's SPI.
     *
     * @param type a host SPI interface the target implements (the result is cast to it)
     */
    public static <T> T wrap(Class<T> type, T target, ClassLoader pluginLoader) {
        Set<Class<?>> ifaces = new LinkedHashSet<>();
        ifaces.add(type);
        collectApiInterfaces(target.getClass(), type.getClassLoader(), ifaces);
        Object p = Proxy.newProxyInstance(type.getClassLoader(), ifaces.toArray(new Class<?>[0]),
                new ContextClassLoaderProxy(target, pluginLoader));
        return type.cast(p);
    }

    private static void collectApiInterfaces(Class<?> c, ClassLoader hostLoader, Set<Class<?>> out) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                if (i.getName().startsWith("io.voxtok.api.") && isVisible(i, hostLoader)) {
                    out.add(i);
                }
                collectApiInterfaces(i, hostLoader, out);
            }
        }
    }

    private static boolean isVisible(Class<?> i, ClassLoader loader) {
        try {
            return Class.forName(i.getName(), false, loader) == i;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The wrapped object, if {@code maybeProxy} is a proxy made here; else the argument. */
    public static Object unwrap(Object maybeProxy) {
        if (maybeProxy != null && Proxy.isProxyClass(maybeProxy.getClass())
                && Proxy.getInvocationHandler(maybeProxy) instanceof ContextClassLoaderProxy h) {
            return h.target;
        }
        return maybeProxy;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> target.toString();
                default -> method.invoke(target, args);
            };
        }
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(pluginLoader);
        try {
            Object result = method.invoke(target, args);
            if (target instanceof ComponentFactory<?> && result instanceof Component c
                    && method.getName().equals("create")) {
                @SuppressWarnings("unchecked")
                Class<Component> rt = (Class<Component>) method.getReturnType();
                return wrap(rt, c, pluginLoader);
            }
            return result;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
