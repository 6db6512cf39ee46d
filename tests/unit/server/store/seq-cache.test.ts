import { describe, expect, it } from "vitest";
import { createSeqCache } from "~/server/store/seq-cache";

describe("seq cache", () => {
  it("remembers each user's newest seq until cleared", () => {
    const seqs = createSeqCache();
    seqs.set("alice", 1);
    seqs.set("bob", 7);
    seqs.set("alice", 2);
    expect([seqs.get("alice"), seqs.get("bob"), seqs.get("carol")]).toEqual([2, 7, undefined]);
    seqs.clear();
    expect([seqs.get("alice"), seqs.size]).toEqual([undefined, 0]);
  });

  it("past its bound forgets the user written to longest ago, not the one written again since", () => {
    const seqs = createSeqCache(2);
    seqs.set("alice", 1);
    seqs.set("bob", 1);
    seqs.set("alice", 2); // alice is now the newest write
    seqs.set("carol", 1);
    expect([seqs.get("alice"), seqs.get("bob"), seqs.get("carol"), seqs.size]).toEqual([2, undefined, 1, 2]);
  });
});
