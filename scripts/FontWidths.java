import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.File;

/**
 * Writes the advance widths of DejaVu Sans and DejaVu Sans Bold (the font the diagram's SVG names
 * first) for the diagram's bundled metrics table, org.funnel.dsl.diagram's dejavu-sans.widths:
 * one line per character, "hex-code-point regular bold", in 1/2048 em (the fonts' own units).
 * Run once by a person (java scripts/FontWidths.java DIR > FILE, DIR holding DejaVuSans.ttf and
 * DejaVuSans-Bold.ttf, Debian fonts-dejavu-core 2.37); the build only reads the table.
 */
public class FontWidths {
	static final int[][] RANGES = { { 0x20, 0x7e }, { 0xa0, 0x24f }, { 0x370, 0x3ff }, { 0x400, 0x4ff },
			{ 0x2000, 0x206f }, { 0x20a0, 0x20bf }, { 0x2100, 0x214f }, { 0x2190, 0x21ff }, { 0x2200, 0x22ff },
			{ 0x25a0, 0x25ff }, { 0x2600, 0x26ff }, { 0x2700, 0x27bf } };

	public static void main(String[] args) throws Exception {
		Font regular = Font.createFont(Font.TRUETYPE_FONT, new File(args[0], "DejaVuSans.ttf")).deriveFont(2048f);
		Font bold = Font.createFont(Font.TRUETYPE_FONT, new File(args[0], "DejaVuSans-Bold.ttf")).deriveFont(2048f);
		FontRenderContext context = new FontRenderContext(null, false, true);
		System.out.println("# DejaVu Sans 2.37 advance widths in 1/2048 em: code point, regular, bold (scripts/FontWidths.java)");
		for (int[] range : RANGES) {
			for (int c = range[0]; c <= range[1]; c++) {
				if (!regular.canDisplay(c) || !bold.canDisplay(c) || Character.getType(c) == Character.CONTROL) {
					continue;
				}
				String text = new String(Character.toChars(c));
				long r = Math.round(regular.createGlyphVector(context, text).getGlyphMetrics(0).getAdvance());
				long b = Math.round(bold.createGlyphVector(context, text).getGlyphMetrics(0).getAdvance());
				System.out.println(Integer.toHexString(c) + " " + r + " " + b);
			}
		}
	}
}
