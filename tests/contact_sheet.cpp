// contact_sheet OUT.png|OUT.jpg COLUMNS THUMB_WIDTH LABEL=FILE… — tiles screenshots, each scaled to
// THUMB_WIDTH pixels wide with its label printed above it, into one image (for docs/screenshots/).
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb_image_resize.h>
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>
#include <stb_easy_font.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

struct Tile {
  std::string label;
  std::vector<unsigned char> pixels;  // RGB, THUMB_WIDTH wide
  int height = 0;
};

constexpr int kLabelHeight = 14, kGap = 6;

// Prints `text` at (x, y) in black: stb_easy_font's quads, drawn as filled pixels.
void print(std::vector<unsigned char>& image, int width, int height, int x, int y, const std::string& text) {
  std::vector<char> buffer(text.size() * 300);
  const int quads = stb_easy_font_print(0, 0, const_cast<char*>(text.c_str()), nullptr, buffer.data(),
                                        static_cast<int>(buffer.size()));
  const float* v = reinterpret_cast<const float*>(buffer.data());
  for (int q = 0; q < quads; ++q, v += 16) {  // 4 vertices of x, y, z, colour
    const int x0 = x + static_cast<int>(v[0]), y0 = y + static_cast<int>(v[1]);
    const int x1 = x + static_cast<int>(v[8]), y1 = y + static_cast<int>(v[9]);
    for (int py = std::max(0, y0); py < std::min(height, y1); ++py)
      for (int px = std::max(0, x0); px < std::min(width, x1); ++px)
        for (int c = 0; c < 3; ++c) image[static_cast<std::size_t>((py * width + px) * 3 + c)] = 0;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: contact_sheet OUT.png|OUT.jpg COLUMNS THUMB_WIDTH LABEL=FILE...\n");
    return 2;
  }
  const int columns = std::atoi(argv[2]), thumb = std::atoi(argv[3]);
  std::vector<Tile> tiles;
  for (int i = 4; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto eq = arg.find('=');
    const std::string label = arg.substr(0, eq), file = arg.substr(eq + 1);
    int w = 0, h = 0, n = 0;
    unsigned char* pixels = stbi_load(file.c_str(), &w, &h, &n, 3);
    if (!pixels) {
      std::fprintf(stderr, "contact_sheet: %s does not decode\n", file.c_str());
      return 1;
    }
    Tile t{label, {}, std::max(1, h * thumb / w)};
    t.pixels.resize(static_cast<std::size_t>(thumb * t.height * 3));
    stbir_resize_uint8(pixels, w, h, 0, t.pixels.data(), thumb, t.height, 0, 3);
    stbi_image_free(pixels);
    tiles.push_back(std::move(t));
  }
  int tallest = 0;
  for (const Tile& t : tiles) tallest = std::max(tallest, t.height);
  const int cell_w = thumb + kGap, cell_h = tallest + kLabelHeight + kGap;
  const int rows = (static_cast<int>(tiles.size()) + columns - 1) / columns;
  const int width = columns * cell_w + kGap, height = rows * cell_h + kGap;
  std::vector<unsigned char> sheet(static_cast<std::size_t>(width * height * 3), 255);
  for (std::size_t i = 0; i < tiles.size(); ++i) {
    const int x = kGap + static_cast<int>(i) % columns * cell_w, y = kGap + static_cast<int>(i) / columns * cell_h;
    print(sheet, width, height, x, y + 2, tiles[i].label);
    for (int row = 0; row < tiles[i].height; ++row)
      std::copy_n(&tiles[i].pixels[static_cast<std::size_t>(row * thumb * 3)], thumb * 3,
                  &sheet[static_cast<std::size_t>(((y + kLabelHeight + row) * width + x) * 3)]);
  }
  const std::string out = argv[1];
  const bool png = out.size() > 4 && out.substr(out.size() - 4) == ".png";
  if (!(png ? stbi_write_png(argv[1], width, height, 3, sheet.data(), width * 3)
            : stbi_write_jpg(argv[1], width, height, 3, sheet.data(), 85))) {
    std::fprintf(stderr, "contact_sheet: cannot write %s\n", argv[1]);
    return 1;
  }
  std::printf("contact_sheet: %zu screenshots in %s (%dx%d)\n", tiles.size(), argv[1], width, height);
  return 0;
}
