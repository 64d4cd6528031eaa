package dev.mailbridge.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's Java snippets are the compiled code of {@link ReadmeQuickStart}, line for line. */
class ReadmeSnippetTest {
    @Test
    void readmeShowsTheCompiledSnippet() throws IOException {
        List<String> source = Files.readAllLines(
                Path.of("src/main/java/dev/mailbridge/samples/ReadmeQuickStart.java"), StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int snippets = 0;
        for (int start = source.indexOf("        // README:start"); start >= 0; ) {
            int end = source.subList(start, source.size()).indexOf("        // README:end") + start;
            String snippet = source.subList(start + 1, end).stream()
                    .map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                    .collect(Collectors.joining("\n"));
            assertThat(readme).contains("```java\n" + snippet + "\n```");
            snippets++;
            int next = source.subList(end, source.size()).indexOf("        // README:start");
            start = next < 0 ? -1 : next + end;
        }
        assertThat(snippets).isEqualTo(6);
    }
}
