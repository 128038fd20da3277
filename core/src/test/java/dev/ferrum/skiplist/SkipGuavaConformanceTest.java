package dev.ferrum.skiplist;

import com.google.common.collect.testing.ConcurrentNavigableMapTestSuiteBuilder;
import com.google.common.collect.testing.NavigableSetTestSuiteBuilder;
import com.google.common.collect.testing.TestStringSortedMapGenerator;
import com.google.common.collect.testing.TestStringSortedSetGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import junit.framework.Test;
import junit.framework.TestCase;
import junit.framework.TestFailure;
import junit.framework.TestResult;

/**
 * Guava testlib's conformance suites: SkipMap as a ConcurrentNavigableMap (with every derived view
 * suite the builder makes: sub, head, tail and descending maps, key sets, values, entry sets) and
 * SkipSet as a NavigableSet (with its sub and descending sets), about 66,000 generated tests.
 * {@code -Dferrum.guava.comparators=true} runs both suites again under a reversed Comparator.
 *
 * <p>This JUnit 3 test case runs through the JUnit Vintage engine, and each of its methods runs a
 * whole generated suite in-process and fails with the names and traces of the failing tests.
 * Handing the generated tests to the build one by one instead makes Surefire report 66,000 events,
 * which took over half an hour on two busy cores, against about a minute for the tests themselves.
 */
public final class SkipGuavaConformanceTest extends TestCase {

    /** Reverse natural ordering; serializable so the SERIALIZABLE tests cover comparators. */
    static final class Reversed implements Comparator<String>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(String a, String b) {
            return b.compareTo(a);
        }
    }

    private static final boolean COMPARATORS = Boolean.getBoolean("ferrum.guava.comparators");

    public void testSkipMap_conformsToConcurrentNavigableMap() {
        runAll(mapSuite("SkipMap", null));
        if (COMPARATORS) {
            runAll(mapSuite("SkipMap reversed", new Reversed()));
        }
    }

    public void testSkipSet_conformsToNavigableSet() {
        runAll(setSuite("SkipSet", null));
        if (COMPARATORS) {
            runAll(setSuite("SkipSet reversed", new Reversed()));
        }
    }

    /** Runs every test of suite; fails listing the first failures if any test failed. */
    private static void runAll(Test suite) {
        TestResult result = new TestResult();
        suite.run(result);
        int bad = result.failureCount() + result.errorCount();
        if (bad == 0) {
            assertTrue("no tests ran in " + suite, result.runCount() > 1000);
            return;
        }
        StringWriter out = new StringWriter();
        PrintWriter pw = new PrintWriter(out);
        pw.printf("%d of %d tests failed in %s%n", bad, result.runCount(), suite);
        List<TestFailure> all = new ArrayList<>(Collections.list(result.errors()));
        all.addAll(Collections.list(result.failures()));
        for (TestFailure f : all.subList(0, Math.min(20, all.size()))) {
            pw.println(f.failedTest());
            f.thrownException().printStackTrace(pw);
        }
        pw.flush();
        fail(out.toString());
    }

    private static Test mapSuite(String name, Comparator<String> comparator) {
        return ConcurrentNavigableMapTestSuiteBuilder.using(
                        new TestStringSortedMapGenerator() {
                            @Override
                            protected SortedMap<String, String> create(
                                    Map.Entry<String, String>[] entries) {
                                SkipMap<String, String> map = new SkipMap<>(comparator);
                                for (Map.Entry<String, String> e : entries) {
                                    map.put(e.getKey(), e.getValue());
                                }
                                return map;
                            }

                            @Override
                            public Iterable<Map.Entry<String, String>> order(
                                    List<Map.Entry<String, String>> insertionOrder) {
                                if (comparator == null) {
                                    return super.order(insertionOrder);
                                }
                                insertionOrder.sort(
                                        (a, b) -> comparator.compare(a.getKey(), b.getKey()));
                                return insertionOrder;
                            }

                            // Under the reversed ordering the samples beyond each end swap.
                            @Override
                            public Map.Entry<String, String> belowSamplesLesser() {
                                return comparator == null
                                        ? super.belowSamplesLesser()
                                        : super.aboveSamplesGreater();
                            }

                            @Override
                            public Map.Entry<String, String> belowSamplesGreater() {
                                return comparator == null
                                        ? super.belowSamplesGreater()
                                        : super.aboveSamplesLesser();
                            }

                            @Override
                            public Map.Entry<String, String> aboveSamplesLesser() {
                                return comparator == null
                                        ? super.aboveSamplesLesser()
                                        : super.belowSamplesGreater();
                            }

                            @Override
                            public Map.Entry<String, String> aboveSamplesGreater() {
                                return comparator == null
                                        ? super.aboveSamplesGreater()
                                        : super.belowSamplesLesser();
                            }
                        })
                .named(name)
                .withFeatures(
                        MapFeature.GENERAL_PURPOSE,
                        MapFeature.ALLOWS_NULL_ENTRY_QUERIES,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                        CollectionFeature.SERIALIZABLE,
                        CollectionFeature.KNOWN_ORDER,
                        CollectionSize.ANY)
                .createTestSuite();
    }

    private static Test setSuite(String name, Comparator<String> comparator) {
        return NavigableSetTestSuiteBuilder.using(
                        new TestStringSortedSetGenerator() {
                            @Override
                            protected SortedSet<String> create(String[] elements) {
                                SkipSet<String> set = new SkipSet<>(comparator);
                                for (String e : elements) {
                                    set.add(e);
                                }
                                return set;
                            }

                            @Override
                            public List<String> order(List<String> insertionOrder) {
                                if (comparator == null) {
                                    return super.order(insertionOrder);
                                }
                                insertionOrder.sort(comparator);
                                return insertionOrder;
                            }

                            @Override
                            public String belowSamplesLesser() {
                                return comparator == null
                                        ? super.belowSamplesLesser()
                                        : super.aboveSamplesGreater();
                            }

                            @Override
                            public String belowSamplesGreater() {
                                return comparator == null
                                        ? super.belowSamplesGreater()
                                        : super.aboveSamplesLesser();
                            }

                            @Override
                            public String aboveSamplesLesser() {
                                return comparator == null
                                        ? super.aboveSamplesLesser()
                                        : super.belowSamplesGreater();
                            }

                            @Override
                            public String aboveSamplesGreater() {
                                return comparator == null
                                        ? super.aboveSamplesGreater()
                                        : super.belowSamplesLesser();
                            }
                        })
                .named(name)
                .withFeatures(
                        CollectionFeature.GENERAL_PURPOSE,
                        CollectionFeature.SERIALIZABLE,
                        CollectionFeature.KNOWN_ORDER,
                        CollectionSize.ANY)
                .createTestSuite();
    }
}
