/**
 * Memoizes an answer per object (a crossws peer, or the request of an upgrade), for as long as
 * that object lives. Calls that come while the first answer is pending share it; a failed
 * answer is forgotten, so the next call asks again.
 */
export function resolveOncePer<T>(resolve: (key: object) => T): (key: object) => T {
  const answers = new WeakMap<object, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    const answer = resolve(key);
    answers.set(key, answer);
    if (answer instanceof Promise) {
      // Later calls get the settled value itself: crossws then runs the hook without waiting a turn.
      answer.then(
        (value) => answers.set(key, value as T),
        () => answers.delete(key),
      );
    }
    return answer;
  };
}
