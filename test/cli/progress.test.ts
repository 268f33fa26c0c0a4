/** The progress indicator: a `\r` percentage on a terminal, nothing at all otherwise. */
import { progress, status } from "../../src/cli/progress";

function stream(isTTY: boolean): { isTTY: boolean; text: string; write(t: string): boolean } {
  return {
    isTTY,
    text: "",
    write(t: string) {
      this.text += t;
      return true;
    },
  };
}

test("on a terminal: one update per percent, then the line is cleared", () => {
  const tty = stream(true);
  const bar = progress(tty, "refreshing");
  for (let done = 0; done <= 1000; done++) bar.update(done, 1000);
  bar.finish();
  const updates = tty.text.split("\r").filter((s) => s.startsWith("refreshing"));
  expect(updates).toHaveLength(101);
  expect(updates[100]).toBe("refreshing 100%");
  expect(tty.text.endsWith("\r\x1b[K")).toBe(true);
});

test("not a terminal (a pipe, a log, a test): silent", () => {
  const pipe = stream(false);
  const bar = progress(pipe, "refreshing");
  bar.update(5, 10);
  bar.finish();
  expect(pipe.text).toBe("");
});

test("a status line is written once and cleared once, however often its clear is called", () => {
  const tty = stream(true);
  const clear = status(tty, "reading book.xlsx…");
  clear();
  clear();
  expect(tty.text).toBe("\rreading book.xlsx…\r\x1b[K");
  const pipe = stream(false);
  status(pipe, "reading")();
  expect(pipe.text).toBe("");
});
