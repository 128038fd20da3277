package dev.ferrum.bench;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonChartTest {

    private static List<ComparisonCase> sampleCases() {
        return ComparisonCase.group(
                List.of(
                        Scores.time(
                                Scores.HANDOFF, "ferrum", Map.of("echoWork", "0"), 900, 1000, 1200),
                        Scores.time(
                                Scores.HANDOFF, "park", Map.of("echoWork", "0"), 7000, 7200, 7400),
                        Scores.time(
                                Scores.HANDOFF, "spin", Map.of("echoWork", "0"), 150, 170, 5000),
                        Scores.time(
                                Scores.HANDOFF, "ferrum", Map.of("echoWork", "1000"), 9000, 9500),
                        Scores.time(Scores.HANDOFF, "park", Map.of("echoWork", "1000"), 9200, 9900),
                        Scores.rate(Scores.COUNTER, "ferrum", Map.of(), 150, 160, 170),
                        Scores.rate(Scores.COUNTER, "plain", Map.of(), 80, 90, 100)));
    }

    @Test
    void write_producesAReadablePngOfTheFixedWidth(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("nested/chart.png");

        ComparisonChart.write(sampleCases(), "test run", png);

        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(ComparisonChart.WIDTH);
        assertThat(image.getHeight()).isGreaterThan(400);
        // -Dferrum.chart.keep=true keeps the sample in target/ for a look at the layout.
        if (Boolean.getBoolean("ferrum.chart.keep")) {
            Files.copy(png, Path.of("target", "chart-sample.png"), REPLACE_EXISTING);
        }
    }

    @Test
    void render_showsFasterAndSlowerCasesInTheirColours() {
        BufferedImage image = ComparisonChart.render(sampleCases(), "test run");

        assertThat(containsColour(image, ComparisonChart.FASTER.getRGB())).isTrue();
        assertThat(containsColour(image, ComparisonChart.FERRUM.getRGB())).isTrue();
    }

    @Test
    void render_withoutAnyFerrumCase_stillDrawsTheScores() {
        List<ComparisonCase> cases =
                ComparisonCase.group(
                        List.of(
                                Scores.time(Scores.HANDOFF, "park", Map.of(), 1, 2),
                                Scores.time(Scores.HANDOFF, "spin", Map.of(), 3, 4)));

        BufferedImage image = ComparisonChart.render(cases, "test run");

        assertThat(image.getWidth()).isEqualTo(ComparisonChart.WIDTH);
        assertThat(containsColour(image, ComparisonChart.PEER.getRGB())).isTrue();
    }

    private static boolean containsColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                    return true;
                }
            }
        }
        return false;
    }
}
