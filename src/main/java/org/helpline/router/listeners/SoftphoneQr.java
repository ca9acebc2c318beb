package org.helpline.router.listeners;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A QR code of a softphone's SIP address ({@link SoftphoneSettings#sipUri()}), as SVG or PNG. ZXing computes the
 * modules; the images are drawn here (ZXing's core has no SVG writer, and its PNG writer lives in its
 * {@code javase} module, which brings more than a loop over the modules needs).
 */
final class SoftphoneQr {

    /** Pixels per module in the PNG: about 300 px for a SIP address, easy for a phone camera on a screen. */
    static final int PNG_SCALE = 8;

    private SoftphoneQr() {
    }

    static String svg(String text) {
        BitMatrix m = matrix(text);
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
                }
            }
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %1$d %2$d" width="%3$d" height="%4$d" \
                shape-rendering="crispEdges"><title>%5$s</title><rect width="%1$d" height="%2$d" fill="#fff"/>\
                <path fill="#000" d="%6$s"/></svg>
                """.formatted(m.getWidth(), m.getHeight(), m.getWidth() * PNG_SCALE, m.getHeight() * PNG_SCALE,
                escape(text), path);
    }

    static byte[] png(String text) {
        BitMatrix m = matrix(text);
        BufferedImage image = new BufferedImage(m.getWidth() * PNG_SCALE, m.getHeight() * PNG_SCALE,
                BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, m.get(x / PNG_SCALE, y / PNG_SCALE) ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One module per unit, with the standard quiet zone of four modules. */
    static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 4,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("too long for a QR code", e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
