// png_check FILE WIDTH HEIGHT — exits 0 if FILE decodes as a WIDTH×HEIGHT PNG that is not blank
// (it has many distinct colours), else prints why and exits 1. Used by the GUI smoke test.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <set>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: png_check FILE WIDTH HEIGHT\n");
    return 2;
  }
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load(argv[1], &w, &h, &channels, 3);
  if (!pixels) {
    std::fprintf(stderr, "png_check: %s does not decode: %s\n", argv[1], stbi_failure_reason());
    return 1;
  }
  std::set<unsigned> colours;
  for (long i = 0; i < static_cast<long>(w) * h; ++i)
    colours.insert(pixels[3 * i] << 16 | pixels[3 * i + 1] << 8 | pixels[3 * i + 2]);
  stbi_image_free(pixels);
  if (w != std::atoi(argv[2]) || h != std::atoi(argv[3])) {
    std::fprintf(stderr, "png_check: %s is %dx%d, expected %sx%s\n", argv[1], w, h, argv[2], argv[3]);
    return 1;
  }
  if (colours.size() < 50) {
    std::fprintf(stderr, "png_check: %s looks blank (%zu colours)\n", argv[1], colours.size());
    return 1;
  }
  std::printf("png_check: %s is %dx%d with %zu colours\n", argv[1], w, h, colours.size());
  return 0;
}
