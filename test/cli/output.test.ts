/** Atomic writes: a killed run's temporary file is cleaned up by the next write to the same target. */
import { mkdtempSync, readdirSync, utimesSync, writeFileSync, readFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { promises as fs } from "fs";
import { saveWorkbookAtomically } from "../../src/cli/output";

describe("saveWorkbookAtomically", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "smallcap-output-"));
  const target = path.join(dir, "out.xlsx");

  it("removes a temporary file a killed run left for the same target, and only old ones for that target", async () => {
    const orphan = path.join(dir, ".out.xlsx.12345.deadbeef.tmp");
    const fresh = path.join(dir, ".out.xlsx.12346.cafebabe.tmp");
    const other = path.join(dir, ".other.xlsx.12345.deadbeef.tmp");
    for (const file of [orphan, fresh, other]) writeFileSync(file, "partial");
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(orphan, old, old);
    utimesSync(other, old, old);

    await saveWorkbookAtomically(target, (temp) => fs.writeFile(temp, "complete"));

    expect(readFileSync(target, "utf8")).toBe("complete");
    expect(readdirSync(dir).sort()).toEqual([".other.xlsx.12345.deadbeef.tmp", ".out.xlsx.12346.cafebabe.tmp", "out.xlsx"]);
  });

  it("leaves the previous file intact when the write fails", async () => {
    writeFileSync(target, "previous");
    await expect(saveWorkbookAtomically(target, async (temp) => {
      await fs.writeFile(temp, "half");
      throw new Error("disk full");
    })).rejects.toThrow("disk full");
    expect(readFileSync(target, "utf8")).toBe("previous");
    expect(readdirSync(dir).filter((n) => n.startsWith(".out.xlsx.") && n !== ".out.xlsx.12346.cafebabe.tmp")).toEqual([]);
  });
});
