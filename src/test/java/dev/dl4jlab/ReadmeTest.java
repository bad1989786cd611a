package dev.dl4jlab;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README is the user guide and stays one (issue 26: it had grown to 760 lines of internals); the reference material
 * lives in docs/, so every link from the README (and between the docs pages) must reach a file and, with a #fragment,
 * a heading that is there.
 */
@Tag("fast")
class ReadmeTest {
    static final int MAX_README_LINES = 300;
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Path README = Path.of("README.md");

    @Test
    void theReadmeStaysAUserGuide() throws IOException {
        long lines = Files.readAllLines(README).size();
        assertTrue(lines <= MAX_README_LINES, "README.md has " + lines + " lines; at most " + MAX_README_LINES
                + ": move reference material to docs/ and link it");
    }

    @Test
    void theReadmeLinksEveryDocsPageAndEachLinkResolves() throws IOException {
        List<String> readmeLinks = links(README);
        Set<Path> pages;
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            pages = docs.filter(p -> p.toString().endsWith(".md")).map(Path::normalize).collect(Collectors.toSet());
        }
        Set<Path> linked = readmeLinks.stream().filter(l -> !l.startsWith("#") && !isExternal(l))
                .map(l -> Path.of(l.split("#", 2)[0]).normalize()).collect(Collectors.toSet());
        assertEquals(List.of(), broken(README));
        assertTrue(linked.containsAll(pages), "docs pages the README does not link: "
                + pages.stream().filter(p -> !linked.contains(p)).toList());
    }

    @Test
    void theDocsPagesLinksResolve() throws IOException {
        List<String> broken = new ArrayList<>();
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            for (Path page : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                broken.addAll(broken(page));
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void slugsAreGitHubs() {
        assertEquals("the-signature-every-model-knows-its-inputs", slug("The signature: every model knows its inputs"));
        assertEquals("modelzip-is-plain-dl4j", slug("model.zip is plain DL4J"));
        assertEquals("your-own-table-csv", slug("Your own table (`csv`)"));
    }

    /** Relative links of {@code page} whose file, or whose #fragment's heading, is missing. */
    private static List<String> broken(Path page) throws IOException {
        List<String> broken = new ArrayList<>();
        for (String link : links(page)) {
            if (isExternal(link)) {
                continue;
            }
            String[] parts = link.split("#", 2);
            Path target = parts[0].isEmpty() ? page : page.toAbsolutePath().getParent().resolve(parts[0]).normalize();
            if (!Files.isRegularFile(target)) {
                broken.add(page + ": " + link + " (no such file)");
            } else if (parts.length == 2 && target.toString().endsWith(".md") && !headings(target).contains(parts[1])) {
                broken.add(page + ": " + link + " (no such heading in " + parts[0] + ")");
            }
        }
        return broken;
    }

    private static boolean isExternal(String link) {
        return link.matches("[a-z]+:.*");
    }

    /** Link targets outside code blocks and inline code. */
    private static List<String> links(Path page) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : prose(page)) {
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    private static Set<String> headings(Path page) throws IOException {
        return prose(page).stream().filter(l -> l.startsWith("#")).map(l -> slug(l.replaceFirst("^#+\\s*", "")))
                .collect(Collectors.toSet());
    }

    /** The page's lines outside fenced code blocks (a "# comment" in a code block is no heading). */
    private static List<String> prose(Path page) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
