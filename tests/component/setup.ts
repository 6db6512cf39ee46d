import "@testing-library/jest-dom/vitest";
import { cleanup } from "@solidjs/testing-library";
import { afterEach } from "vitest";

// The library only unmounts automatically when vitest globals are on; they are off here.
afterEach(cleanup);

// The router scrolls to the top on navigation; jsdom has no layout and only logs "not implemented".
window.scrollTo = () => {};
