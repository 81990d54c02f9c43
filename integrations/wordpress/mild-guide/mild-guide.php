<?php
/**
 * Plugin Name:       Open MILD Guide embeds
 * Description:       Parts of Open MILD Guide (or your clinic's copy) in posts, for every role: a [mild_guide] shortcode, and the guide as a trusted oEmbed provider, so a pasted page address keeps its resizer and working links.
 * Version:           1.0.0
 * Requires at least: 5.9
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 *
 * Why: WordPress strips <script> and <iframe> from an Author's post (no unfiltered_html),
 * and puts an untrusted oEmbed frame in a sandbox that can neither resize nor open links.
 * A shortcode's output and a trusted provider's HTML are not filtered, so both work for
 * Authors. The plugin itself requests nothing: the frames and embed.js load from the guide's
 * address in the reader's browser, and WordPress fetches a page's oembed/<page>.json from the
 * guide when a post with a pasted address is saved or shown.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The guide's address (its site_url), with a trailing slash; '' until it is set. */
function mild_guide_base() {
	$url = trim( (string) get_option( 'mild_guide_url', '' ) );
	if ( ! preg_match( '#^https?://[^\s"\'<>]+$#i', $url ) ) {
		return '';
	}
	return trailingslashit( $url );
}

/** The address pattern of the guide's pages: <base>[es/]<page>/ (the home page: <base>). */
function mild_guide_page_regex( $base ) {
	return '#^' . preg_quote( $base, '#' ) . '(es/)?(?:([a-z0-9-]+)/?)?$#i';
}

add_action(
	'init',
	function () {
		register_setting(
			'mild_guide',
			'mild_guide_url',
			array(
				'type'              => 'string',
				'description'       => 'Address of the guide (its site_url)',
				'sanitize_callback' => 'esc_url_raw',
				'show_in_rest'      => true,
				'default'           => '',
			)
		);
		$base = mild_guide_base();
		if ( $base ) {
			// Trusted: WordPress keeps the snippet's script and does not sandbox the frame.
			wp_oembed_add_provider( mild_guide_page_regex( $base ), $base . 'oembed/', true );
		}
	}
);

// A static site has no oEmbed endpoint that reads ?url=: each page has its own file.
add_filter(
	'oembed_fetch_url',
	function ( $provider, $url ) {
		$base = mild_guide_base();
		if ( ! $base || 0 !== strpos( $provider, $base . 'oembed/' ) ) {
			return $provider;
		}
		if ( ! preg_match( mild_guide_page_regex( $base ), $url, $m ) ) {
			return $provider;
		}
		$page = empty( $m[2] ) ? 'index' : strtolower( $m[2] );
		return $base . strtolower( $m[1] ) . 'oembed/' . $page . '.json';
	},
	10,
	2
);

/**
 * [mild_guide widget="faq/topic-cost" lang="en" theme="light" clinic="show" title="…"]
 * The Embed page's script snippet: the frame, and embed.js (once per page, from the guide).
 */
function mild_guide_shortcode( $atts ) {
	$a    = shortcode_atts(
		array(
			'widget' => '',
			'lang'   => 'en',
			'theme'  => 'light',
			'clinic' => '',
			'title'  => '',
		),
		$atts,
		'mild_guide'
	);
	$base = mild_guide_base();
	$part = trim( (string) $a['widget'], '/' );
	if ( ! $base || ! preg_match( '#^[a-z0-9-]+(/[a-z0-9-]+)?$#', $part ) ) {
		return current_user_can( 'edit_posts' )
			? '<p><strong>[mild_guide]: set the guide address in Settings → MILD guide, and widget="page" or widget="page/part".</strong></p>'
			: '';
	}
	$src = $base . ( 'es' === $a['lang'] ? 'es/' : '' ) . 'embed/' . $part . '/';
	$src = add_query_arg( 'theme', in_array( $a['theme'], array( 'light', 'dark', 'auto' ), true ) ? $a['theme'] : 'light', $src );
	if ( 'show' === $a['clinic'] ) {
		$src = add_query_arg( 'clinic', 'show', $src );
	}
	$title = '' !== $a['title'] ? $a['title'] : 'Open MILD Guide: ' . $part;
	wp_enqueue_script( 'mild-guide-embed', $base . 'assets/javascripts/embed.js', array(), null, true );
	return sprintf(
		'<iframe src="%s" title="%s" data-omg-embed width="100%%" height="600" loading="lazy"></iframe>',
		esc_url( $src ),
		esc_attr( $title )
	);
}
add_shortcode( 'mild_guide', 'mild_guide_shortcode' );

// embed.js: deferred, as the Embed page's snippet loads it.
add_filter(
	'script_loader_tag',
	function ( $tag, $handle ) {
		return 'mild-guide-embed' === $handle ? str_replace( ' src=', ' defer src=', $tag ) : $tag;
	},
	10,
	2
);

add_action(
	'admin_menu',
	function () {
		add_options_page( 'MILD guide', 'MILD guide', 'manage_options', 'mild-guide', 'mild_guide_settings_page' );
	}
);

function mild_guide_settings_page() {
	?>
	<div class="wrap">
		<h1>Open MILD Guide</h1>
		<form method="post" action="options.php">
			<?php settings_fields( 'mild_guide' ); ?>
			<p><label for="mild_guide_url">Address of the guide (the <code>site_url</code> of the copy you embed)</label><br>
			<input type="url" class="regular-text" id="mild_guide_url" name="mild_guide_url"
				value="<?php echo esc_attr( get_option( 'mild_guide_url', '' ) ); ?>"
				placeholder="https://www.your-clinic.example/patient-education/mild/"></p>
			<?php submit_button(); ?>
		</form>
		<p>Paste a page's address on its own line, or write
		<code>[mild_guide widget="faq/topic-cost" lang="en" theme="light"]</code>.</p>
	</div>
	<?php
}
