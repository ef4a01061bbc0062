/** htm bound to Preact: tagged-template views without a JSX build step. */
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
