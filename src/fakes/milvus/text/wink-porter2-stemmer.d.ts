/** wink-porter2-stemmer 2.0.1 ships no types: one function, word in, Porter2 stem out (lower case). */
declare module 'wink-porter2-stemmer' {
  const stem: (word: string) => string;
  export default stem;
}
