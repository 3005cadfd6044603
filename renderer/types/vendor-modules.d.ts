/** cornerstone-math and hammerjs are handed to cornerstone-tools as opaque externals. */
declare module 'cornerstone-math' {
  const cornerstoneMath: unknown;
  export default cornerstoneMath;
}
declare module 'hammerjs' {
  const Hammer: unknown;
  export default Hammer;
}
