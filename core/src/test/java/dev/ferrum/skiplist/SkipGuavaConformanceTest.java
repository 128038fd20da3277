package dev.ferrum.skiplist;

import com.google.common.collect.testing.ConcurrentNavigableMapTestSuiteBuilder;
import com.google.common.collect.testing.NavigableSetTestSuiteBuilder;
import com.google.common.collect.testing.TestStringSortedMapGenerator;
import com.google.common.collect.testing.TestStringSortedSetGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * Guava testlib's conformance suites: SkipMap as a ConcurrentNavigableMap (with every derived view
 * suite the builder makes: sub, head, tail and descending maps, key sets, values, entry sets) and
 * SkipSet as a NavigableSet (with its sub and descending sets); the map in natural and in reversed
 * ordering. About 100,000 generated tests; run by the JUnit Vintage engine.
 */
public final class SkipGuavaConformanceTest {

    private SkipGuavaConformanceTest() {}

    /** Reverse natural ordering; serializable so the SERIALIZABLE tests cover comparators. */
    static final class Reversed implements Comparator<String>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(String a, String b) {
            return b.compareTo(a);
        }
    }

    /** The JUnit 3 entry point that the Vintage engine runs. */
    public static Test suite() {
        TestSuite suite = new TestSuite("SkipMap and SkipSet conformance");
        suite.addTest(mapSuite("SkipMap natural", null));
        suite.addTest(mapSuite("SkipMap reversed", new Reversed()));
        // One set suite suffices for orderings: SkipSet runs on the SkipMap code tested twice
        // above.
        suite.addTest(setSuite("SkipSet natural", null));
        return suite;
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
