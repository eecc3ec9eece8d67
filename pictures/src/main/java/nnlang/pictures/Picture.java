package nnlang.pictures;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A drawing of a fixed size, painted once through Java2D: into VectorGraphics2D for an SVG file and
 * into an image for a PNG file, so that both show the same thing. No window is opened: the first
 * picture switches AWT to headless mode unless the program chose otherwise.
 */
public interface Picture {

    /** Width in pixels (SVG user units). */
    int width();

    /** Height in pixels (SVG user units). */
    int height();

    /** Paints the picture into {@code g}, whose origin is the top left corner; the background is white. */
    void paint(Graphics2D g);

    /** Writes the picture as an SVG file. */
    default void writeSvg(Path file) throws IOException {
        Headless.ensure();
        VectorGraphics2D g = new VectorGraphics2D();
        paintOnWhite(g, 1.0);
        Document document = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        document.writeTo(bytes);
        Files.writeString(file, portableFonts(bytes.toString(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /**
     * Makes the SVG's text look the same where Java's fonts are not installed: VectorGraphics2D
     * names the physical font Java drew with ({@code "DejaVu Sans"} on Linux), to which a generic
     * family is appended, and leaves out the size of 12-pixel text, which a browser would show at
     * its own default (16 pixels); the root element now says 12.
     */
    static String portableFonts(String svg) {
        return svg.replaceAll("font-family:(&quot;[^&;]*&quot;|[^;\"]*);", "font-family:$1,sans-serif;")
                .replaceFirst("<svg ", "<svg style=\"font-size:12px;font-family:sans-serif;\" ");
    }

    /** Writes the picture as a PNG file, {@code scale} image pixels per picture pixel. */
    default void writePng(Path file, double scale) throws IOException {
        BufferedImage image = toImage(scale);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }

    /** The picture as an image, {@code scale} image pixels per picture pixel. */
    default BufferedImage toImage(double scale) {
        Headless.ensure();
        BufferedImage image = new BufferedImage((int) Math.ceil(width() * scale), (int) Math.ceil(height() * scale),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            paintOnWhite(g, scale);
        } finally {
            g.dispose();
        }
        return image;
    }

    private void paintOnWhite(Graphics2D g, double scale) {
        g.scale(scale, scale);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        paint(g);
    }
}
