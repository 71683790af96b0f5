package uk.gov.council.cap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of ADR 0034, read from the main sources' text (no extra dependency): feature
 * packages form no cycle, a capability never reaches into routing or another capability, and
 * threads are made only where {@code CapServer} can name and close them.
 *
 * <p>A "package" is the first name under {@code uk.gov.council.cap.server}; the classes directly in
 * that package ({@code CapServer}, {@code Clock}, {@code ServerConfig}, ...) are the composition
 * root and shared primitives, outside the graph.
 *
 * <p>The {@code KNOWN_*} lists hold what other issue-14 work is removing at the time of writing;
 * each names the item that removes it. An entry that no longer matches anything fails the test, so
 * the lists only shrink: delete the entry then.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("src/main/java/uk/gov/council/cap/server");
  private static final Pattern REFERENCE =
      Pattern.compile("\\buk\\.gov\\.council\\.cap\\.server\\.([a-z][a-z0-9]*)\\.");
  private static final Pattern CAPABILITY_CLASS =
      Pattern.compile("implements\\s[^{]*\\bInCallCapability\\b");
  private static final Set<String> CAPABILITIES =
      Set.of("forms", "payments", "scans", "photos", "printing");
  private static final Set<String> MAY_MAKE_THREADS =
      Set.of(
          "threads/", // ServerThreads and SerialThread are the one place threads are made
          "CapServer.java", // names every thread and pool, and closes them
          "ServerMain.java"); // the JVM takes its shutdown hook only as a Thread

  /** Package edges ("from -> to") left out of the cycle check until the named work lands. */
  private static final Map<String, String> KNOWN_CYCLE_EDGES = Map.of();

  /** Capability package edges ("from -> to") the capability helpers are removing. */
  private static final Map<String, String> KNOWN_CAPABILITY_EDGES = Map.of();

  /** Files (relative to the server package) that still make their own threads. */
  private static final Map<String, String> KNOWN_THREAD_MAKERS = Map.of();

  private static Map<String, String> sources;
  private static Map<String, Map<String, Set<String>>> edges;

  @BeforeAll
  static void readSources() {
    sources = readAll(ROOT);
    edges = packageEdges(sources);
  }

  @Test
  void featurePackagesFormNoCycle() {
    List<String> cycles = cycles(without(edges, KNOWN_CYCLE_EDGES.keySet()));
    System.out.printf(
        "ArchitectureTest: %d package pair(s) import each other; %d group(s) of packages import"
            + " each other round (%d leaving out the known exceptions)%n",
        mutualPairs(edges), cycles(edges).size(), cycles.size());
    assertThat(cycles)
        .as(
            "packages that import each other (break it as ADR 0034 says: the shared contract"
                + " moves to the lower package)")
        .isEmpty();
    assertThat(stale(KNOWN_CYCLE_EDGES.keySet())).as("known cycle edges now gone").isEmpty();
  }

  @Test
  void capabilitiesReachNeitherRoutingNorEachOther() {
    Set<String> capabilities = capabilityPackages(sources);
    List<String> wrong = new ArrayList<>();
    for (String from : capabilities) {
      for (var to : edges.getOrDefault(from, Map.of()).entrySet()) {
        String edge = from + " -> " + to.getKey();
        boolean forbidden = to.getKey().equals("routing") || capabilities.contains(to.getKey());
        if (forbidden && !KNOWN_CAPABILITY_EDGES.containsKey(edge)) {
          wrong.add(edge + " (in " + to.getValue() + ")");
        }
      }
    }
    assertThat(wrong)
        .as("a capability talks to the call only through incall (CallContext, CallContexts)")
        .isEmpty();
    assertThat(stale(KNOWN_CAPABILITY_EDGES.keySet()))
        .as("known capability edges now gone")
        .isEmpty();
  }

  @Test
  void onlyCapServerMakesThreads() {
    Set<String> makers = new TreeSet<>();
    sources.forEach(
        (file, text) -> {
          boolean allowed = MAY_MAKE_THREADS.stream().anyMatch(file::startsWith);
          String code = withoutComments(text);
          if (!allowed && (code.contains("Executors.") || code.contains("new Thread("))) {
            makers.add(file);
          }
        });
    Set<String> unexpected = new TreeSet<>(makers);
    unexpected.removeAll(KNOWN_THREAD_MAKERS.keySet());
    assertThat(unexpected)
        .as(
            "make threads in CapServer (threads.serial/pool/timer) and pass them in, so one"
                + " method lists every thread")
        .isEmpty();
    Set<String> gone = new TreeSet<>(KNOWN_THREAD_MAKERS.keySet());
    gone.removeAll(makers);
    assertThat(gone).as("known thread makers that no longer make threads").isEmpty();
  }

  @Test
  void theCycleFinderNamesTheFilesOfACycle() {
    Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
    graph.put("a", new TreeMap<>(Map.of("b", Set.of("a/A.java"))));
    graph.put("b", new TreeMap<>(Map.of("c", Set.of("b/B.java"))));
    graph.put("c", new TreeMap<>(Map.of("a", Set.of("c/C.java"))));
    graph.put("d", new TreeMap<>(Map.of("a", Set.of("d/D.java"))));

    assertThat(cycles(graph))
        .containsExactly(
            "a, b, c: a -> b -> c -> a; a -> b (a/A.java); b -> c (b/B.java); c -> a (c/C.java)");
    assertThat(cycles(without(graph, Set.of("b -> c")))).isEmpty();
  }

  private static Map<String, String> readAll(Path root) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** package -> package it names -> the files that name it; imports and qualified names alike. */
  private static Map<String, Map<String, Set<String>>> packageEdges(Map<String, String> files) {
    Map<String, Map<String, Set<String>>> out = new TreeMap<>();
    files.forEach(
        (file, text) -> {
          int slash = file.indexOf('/');
          if (slash < 0) {
            return;
          }
          String from = file.substring(0, slash);
          Matcher m = REFERENCE.matcher(withoutPackageLine(text));
          while (m.find()) {
            String to = m.group(1);
            if (!to.equals(from)) {
              out.computeIfAbsent(from, k -> new TreeMap<>())
                  .computeIfAbsent(to, k -> new TreeSet<>())
                  .add(file);
            }
          }
        });
    return out;
  }

  private static Set<String> capabilityPackages(Map<String, String> files) {
    Set<String> out = new TreeSet<>(CAPABILITIES);
    files.forEach(
        (file, text) -> {
          if (file.contains("/") && CAPABILITY_CLASS.matcher(withoutComments(text)).find()) {
            out.add(file.substring(0, file.indexOf('/')));
          }
        });
    return out;
  }

  private static Map<String, Map<String, Set<String>>> without(
      Map<String, Map<String, Set<String>>> graph, Set<String> dropped) {
    Map<String, Map<String, Set<String>>> out = new TreeMap<>();
    graph.forEach(
        (from, tos) ->
            tos.forEach(
                (to, files) -> {
                  if (!dropped.contains(from + " -> " + to)) {
                    out.computeIfAbsent(from, k -> new TreeMap<>()).put(to, files);
                  }
                }));
    return out;
  }

  private static Set<String> stale(Set<String> known) {
    Set<String> out = new TreeSet<>();
    for (String edge : known) {
      String[] ends = edge.split(" -> ");
      if (!edges.getOrDefault(ends[0], Map.of()).containsKey(ends[1])) {
        out.add(edge);
      }
    }
    return out;
  }

  private static long mutualPairs(Map<String, Map<String, Set<String>>> graph) {
    long n = 0;
    for (var from : graph.entrySet()) {
      for (String to : from.getValue().keySet()) {
        if (from.getKey().compareTo(to) < 0
            && graph.getOrDefault(to, Map.of()).containsKey(from.getKey())) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * One readable cycle per strongly connected group of packages (Tarjan), each edge followed by the
   * files that make it, so the message says where to cut.
   */
  static List<String> cycles(Map<String, Map<String, Set<String>>> graph) {
    List<Set<String>> groups = new Tarjan(graph).groups();
    List<String> out = new ArrayList<>();
    for (Set<String> group : groups) {
      if (group.size() > 1) {
        out.add(describe(graph, group));
      }
    }
    return out;
  }

  /**
   * The group's packages, one way round it, then every import inside the group with its files: a
   * group of three or more has several ways round, and any of its edges may be the one to cut.
   */
  private static String describe(Map<String, Map<String, Set<String>>> graph, Set<String> group) {
    StringBuilder sb = new StringBuilder(String.join(", ", group)).append(": ");
    sb.append(String.join(" -> ", wayRound(graph, group)));
    for (String from : group) {
      graph
          .getOrDefault(from, Map.of())
          .forEach(
              (to, files) -> {
                if (group.contains(to)) {
                  sb.append("; ").append(from).append(" -> ").append(to);
                  sb.append(" (").append(String.join(", ", files)).append(")");
                }
              });
    }
    return sb.toString();
  }

  /** The shortest way from the group's first package back to itself, inside the group. */
  private static List<String> wayRound(
      Map<String, Map<String, Set<String>>> graph, Set<String> group) {
    String start = group.iterator().next();
    Map<String, String> cameFrom = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    String last = null;
    while (!queue.isEmpty() && last == null) {
      String at = queue.removeFirst();
      for (String next : graph.getOrDefault(at, Map.of()).keySet()) {
        if (next.equals(start)) {
          last = at;
          break;
        }
        if (group.contains(next) && !cameFrom.containsKey(next)) {
          cameFrom.put(next, at);
          queue.addLast(next);
        }
      }
    }
    List<String> path = new ArrayList<>();
    for (String p = last; p != null && !p.equals(start); p = cameFrom.get(p)) {
      path.add(0, p);
    }
    path.add(0, start);
    path.add(start);
    return path;
  }

  private static String withoutPackageLine(String text) {
    return text.replaceFirst("(?m)^package [^;]+;", "");
  }

  private static String withoutComments(String text) {
    return text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
  }

  /** Tarjan's strongly connected components, groups sorted by name for a stable message. */
  private static final class Tarjan {
    private final Map<String, Map<String, Set<String>>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<Set<String>> groups = new ArrayList<>();

    Tarjan(Map<String, Map<String, Set<String>>> graph) {
      this.graph = graph;
    }

    List<Set<String>> groups() {
      Set<String> nodes = new TreeSet<>(graph.keySet());
      graph.values().forEach(tos -> nodes.addAll(tos.keySet()));
      for (String n : nodes) {
        if (!index.containsKey(n)) {
          visit(n);
        }
      }
      groups.sort((a, b) -> a.iterator().next().compareTo(b.iterator().next()));
      return groups;
    }

    private void visit(String n) {
      index.put(n, index.size());
      low.put(n, index.get(n));
      stack.push(n);
      onStack.add(n);
      for (String m : graph.getOrDefault(n, Map.of()).keySet()) {
        if (!index.containsKey(m)) {
          visit(m);
          low.put(n, Math.min(low.get(n), low.get(m)));
        } else if (onStack.contains(m)) {
          low.put(n, Math.min(low.get(n), index.get(m)));
        }
      }
      if (low.get(n).equals(index.get(n))) {
        Set<String> group = new TreeSet<>();
        String m;
        do {
          m = stack.pop();
          onStack.remove(m);
          group.add(m);
        } while (!m.equals(n));
        groups.add(group);
      }
    }
  }
}
