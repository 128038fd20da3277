package dev.ferrum.queue;

import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.Feature;
import com.google.common.collect.testing.testers.CollectionRemoveAllTester;
import com.google.common.collect.testing.testers.CollectionRemoveIfTester;
import com.google.common.collect.testing.testers.CollectionRemoveTester;
import com.google.common.collect.testing.testers.CollectionRetainAllTester;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.junit.runner.RunWith;
import org.junit.runners.AllTests;

/**
 * Guava testlib's {@code Queue} conformance suite for {@link ArrayQueue} and {@link SegQueue}.
 *
 * <p>Both queues support {@code poll}/{@code remove()}/{@code clear} but not the removal of an
 * arbitrary element (the algorithms have no way to take a slot out of the middle). Guava gates its
 * {@code poll} and {@code remove()} testers on {@link CollectionFeature#SUPPORTS_REMOVE}, which
 * also covers {@code remove(Object)}, {@code removeAll}, {@code retainAll} and {@code removeIf}; so
 * the suite declares the feature and suppresses the testers of exactly those four methods, whose
 * unsupported behaviour {@code ArrayQueueTest} and {@code SegQueueTest} check instead.
 */
@RunWith(AllTests.class)
public class QueueConformanceTest {

    private QueueConformanceTest() {}

    public static Test suite() {
        TestSuite suite = new TestSuite("Queue conformance");
        suite.addTest(
                QueueTestSuiteBuilder.using(
                                new TestStringQueueGenerator() {
                                    @Override
                                    protected Queue<String> create(String[] elements) {
                                        // Room for the elements the testers add beyond these.
                                        Queue<String> q = new ArrayQueue<>(elements.length + 8);
                                        Collections.addAll(q, elements);
                                        return q;
                                    }
                                })
                        .named("ArrayQueue")
                        .withFeatures(features())
                        .suppressing(arbitraryRemovalTests())
                        .createTestSuite());
        suite.addTest(
                QueueTestSuiteBuilder.using(
                                new TestStringQueueGenerator() {
                                    @Override
                                    protected Queue<String> create(String[] elements) {
                                        Queue<String> q = new SegQueue<>();
                                        Collections.addAll(q, elements);
                                        return q;
                                    }
                                })
                        .named("SegQueue")
                        .withFeatures(features())
                        .suppressing(arbitraryRemovalTests())
                        .createTestSuite());
        return suite;
    }

    private static List<Feature<?>> features() {
        return List.of(
                CollectionSize.ANY,
                CollectionFeature.SUPPORTS_ADD,
                CollectionFeature.SUPPORTS_REMOVE,
                CollectionFeature.KNOWN_ORDER,
                CollectionFeature.ALLOWS_NULL_QUERIES);
    }

    private static List<Method> arbitraryRemovalTests() {
        List<Method> methods = new ArrayList<>();
        for (Class<?> tester :
                List.of(
                        CollectionRemoveTester.class,
                        CollectionRemoveAllTester.class,
                        CollectionRetainAllTester.class,
                        CollectionRemoveIfTester.class)) {
            for (Method m : tester.getDeclaredMethods()) {
                if (m.getName().startsWith("test") && Modifier.isPublic(m.getModifiers())) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }
}
