import{a as e,i as t,n,r,t as i}from"./token-CHMfXyo9.js";import{n as a}from"./dist-DHCRdjNZ.js";var o,s,c,l,u,d,f,p,m,h,g=Symbol.for(`pv`),_={},v=[],y=/^m(i|n|o|s|text|space)$/,b=Array.isArray,x=v.slice,S=Object.assign;function C(e){e&&e.parentNode&&e.remove()}function w(e,t,n,r,i){var a={type:e,props:t,key:n,ref:r,__k:null,__:null,__b:0,__e:null,__c:null,constructor:g,__v:i||++s,__i:-1,__u:0};return!i&&o.vnode&&o.vnode(a),a}function T(e){return e.children}function E(e,t){this.props=e,this.context=t,this.__g=0}function D(e,t){if(t==null)return e.__&&D(e.__,e.__i+1);for(var n;t<e.__k.length;t++)if((n=e.__k[t])&&n.__e)return n.__e;return typeof e.type!=`function`||e.props.__P?null:D(e)}function ee(e){var t,n=e.__v,r=n.__e,i=[],a=[],s=e.__P;s&&((t=S({constructor:g},n)).__v=n.__v+1,o.vnode&&o.vnode(t),oe(s,t,n,e.__n,s.namespaceURI,32&n.__u?[r]:null,i,r||D(n),32&n.__u,a),t.__v=n.__v,t.__.__k[t.__i]=t,le(i,t,a),n.__=n.__e=null,t.__e!=r&&O(t))}function O(e){if((e=e.__)&&e.__c&&!e.props.__P)return e.__e=null,e.__k.some(function(t){return t&&(e.__e=t.__e)}),O(e)}function te(e){(8&e.__g||(e.__g|=8,c.push(e),u++))&&l==o.debounceRendering||((l=o.debounceRendering)||queueMicrotask)(ne)}function ne(){try{for(var e,t=1;c.length;)c.length>t&&c.sort(d),e=c.shift(),t=c.length,8&e.__g&&ee(e)}finally{(u=c.length)&&(l||queueMicrotask)(ne)}}function re(e,t,n,r,i,a,o,s,c,l,u){var d,f,p,m,h,g,y=r.__k||v,b=t.length;for(c=ie(n,t,y,c,b),d=0;d<b;d++)(p=n.__k[d])!=null&&(f=~p.__i&&y[p.__i]||_,p.__i=d,g=oe(e,p,f,i,a,o,s,c,l,u),m=p.__e,(f.ref!=p.ref||8&f.__u)&&(f.ref&&de(f.ref,null,p,f),p.ref&&u.push(p.ref,p.__c||m,p)),h||=m,4&p.__u?(c=k(p,c,e,!f.__v),f.__e&&(f.__e=null)):typeof p.type==`function`&&g!==void 0?c=g:m&&(c=m.nextSibling),p.__u&=-21);return n.__e=h,c}function ie(e,t,n,r,i){var a,o,s,c,l,u,d,f,p,m=n.length,h=m,_=0,v=0,y=e.__k=Array(i);for(a=0;a<i;a++)(o=t[a])!=null&&typeof o!=`boolean`&&typeof o!=`function`?(typeof o!=`object`||o.constructor===String?o=y[a]=w(null,o):b(o)?o=y[a]=w(T,{children:o}):o.constructor===g&&o.__b?o=y[a]=w(o.type,o.props,o.key,o.ref,o.__v):y[a]=o,c=a+_,o.__=e,o.__b=e.__b+1,s=null,~(l=o.__i=ae(o,n,c,h))&&(h--,(s=n[l])&&(s.__u|=2)),s&&s.__v?(o.__u|=16,l==c-1?_--:l==c+1?_++:l!=c&&(l>c?_--:_++,v=1)):(~l||(i>m?_--:i<m&&_++),typeof o.type!=`function`&&(o.__u|=4))):y[a]=null;if(v){for(u=[],d=[],a=0;a<i;a++)if((o=y[a])&&16&o.__u){for(_=0,f=u.length;_<f;)u[p=_+f>>1]<o.__i?_=p+1:f=p;u[_]=o.__i,d[a]=_+1}for(_=u.length;a--;)d[a]&&(d[a]==_?_--:y[a].__u|=4)}if(h)for(a=0;a<m;a++)!(s=n[a])||2&s.__u||(s.__e==r&&(r=D(s)),fe(s,s));return r}function k(e,t,n,r){var i,a,o,s;if(typeof e.type==`function`){if(e.props.__P)return t;if(i=e.__k)for(a=0;a<i.length;a++)i[a]&&(i[a].__=e,t=k(i[a],t,n,!1));return t}for(t&&!t.parentNode&&(t=D(e))&&!t.parentNode&&(t=null),o=e.__e,s=t;s&&s.nodeType==8;)s=s.nextSibling;for(o!=s&&(!r&&n.moveBefore&&o.parentNode?n.moveBefore(o,t):n.insertBefore(o,t||null)),t=o;(t&&=t.nextSibling)&&t.nodeType==8&&!t.data.startsWith(`$s`););return t}function ae(e,t,n,r){var i,a=e.key,o=e.type,s=t[n],c=s&&!(2&s.__u);if(s===null&&a==null||c&&a==s.key&&o==s.type)return n;if(r>+!!c){for(i=n-1;i>=0;i--)if((s=t[i])&&!(2&s.__u)&&a==s.key&&o==s.type)return i;for(i=n+1;i<t.length;i++)if((s=t[i])&&!(2&s.__u)&&a==s.key&&o==s.type)return i}return-1}function A(e,t,n){n??=``,t[0]==`-`?e.setProperty(t,n):e[t]=n}function j(e,t,n,r,i){var a,o;if(t==`style`){if(typeof n==`string`)e.style.cssText=n;else{if(typeof r==`string`&&(e.style.cssText=r=``),r)for(t in r)n&&t in n||A(e.style,t);if(n)for(t in n)r&&n[t]==r[t]||A(e.style,t,n[t])}}else if(t[0]==`o`&&t[1]==`n`)typeof n!=`function`&&(n=null),typeof r!=`function`&&(r=null),(e.__e||={})[t]=n,n&&r||(o=h[t]||(h[t]=M(t)),(e.__a||={})[t]=m,a=t!=(t=t.replace(p,`$1`)),(t=t.slice(2))[0]<`a`&&(t=t.toLowerCase()),n?e.addEventListener(t,o,a):e.removeEventListener(t,o,a));else{if(i==`http://www.w3.org/2000/svg`)t=t.replace(/xlink(H|:h)/,`h`).replace(/sName$/,`s`);else if(t!=`width`&&t!=`height`&&t!=`href`&&t!=`list`&&t!=`form`&&t!=`tabIndex`&&t!=`download`&&t!=`rowSpan`&&t!=`colSpan`&&t!=`role`&&t!=`popover`&&t in e)try{e[t]=n??``;return}catch{}if(typeof n==`function`)return;n==null||!1===n&&t[4]!=`-`?e.removeAttribute(t):e.setAttribute(t,t==`popover`&&n==1?``:n)}}function M(e){return function(t){var n=this.__e;if(n){if(n=n[e],t[f]==null)t[f]=m++;else if(t[f]<this.__a[e])return;return n(o.event?o.event(t):t)}}}function oe(e,t,n,r,i,a,s,c,l,u){var d,f,p,m,h,_,y,x,w,ee,O,te,ne,ie,k,ae,A,j,M=t.type;if(t.constructor!==g)return null;128&n.__u&&(l=32&n.__u,d=n.__c.__z)&&(t.__u|=l,f=a=[],d.nodeType==8?c=se(d,a):a.push(d),c=a[0]||c),(d=o.__b)&&d(t);e:if(typeof M==`function`){p=s.length;try{if(x=t.props,w=(d=M.prototype)&&d.render,ee=(d=M.contextType)&&r[d.__c],O=d?ee?ee.props.value:d.__:r,(m=n.__c)?(t.__c=m,2&m.__g&&(m.__g|=1)):(w?t.__c=m=new M(x,O):(t.__c=m=new E(x,O),m.constructor=M,m.render=pe),ee&&ee.sub(m),m.state||(m.state={}),m.__n=r,m.__g|=8,m.__h=[],m.__k=[]),w&&(m.__s||(m.__s=m.state),M.getDerivedStateFromProps&&(m.__s==m.state&&(m.__s=S({},m.__s)),S(m.__s,M.getDerivedStateFromProps(x,m.__s)))),h=m.props,_=m.state,m.__v=t,n.__c){if(x!==h&&w&&!M.getDerivedStateFromProps&&m.componentWillReceiveProps&&m.componentWillReceiveProps(x,O),t.__v==n.__v&&!(8&m.__g)||!(4&m.__g)&&m.shouldComponentUpdate&&!1===m.shouldComponentUpdate(x,m.__s,O)){t.__v!=n.__v&&(m.props=x,m.state=m.__s,m.__g&=-9),t.__e=n.__e,t.__k=n.__k,t.__k.some(function(e){e&&(e.__=t)}),v.push.apply(m.__h,m.__k),m.__k=[],m.__h.length&&s.push(m),c=D(n);break e}m.componentWillUpdate&&m.componentWillUpdate(x,m.__s,O),w&&m.componentDidUpdate&&m.__h.push(function(){m.componentDidUpdate(h,_,y)})}else w&&!M.getDerivedStateFromProps&&m.componentWillMount&&m.componentWillMount(),w&&m.componentDidMount&&m.__h.push(m.componentDidMount);m.context=O,m.props=x,m.__P=e,m.__g&=-5,te=o.__r,ne=w?25:0;do m.__g&=-9,te&&te(t),d=m.render(m.props,m.state=m.__s,m.context);while(8&m.__g&&++ne<25);w&&(v.push.apply(m.__h,m.__k),m.__k=[]),m.state=m.__s,m.getChildContext&&(r=S({},r,m.getChildContext())),w&&n.__c&&m.getSnapshotBeforeUpdate&&(y=m.getSnapshotBeforeUpdate(h,_)),ie=d&&d.type===T&&d.key==null?d.props.children:d,x.__P&&(d=c,i=(e=x.__P).namespaceURI,l=a=null,n.props&&n.props.__P!=e&&(n.__k.some(function(e){e&&fe(e,e)}),n.__k=null),c=n.__k?D(n,0):null),c=re(e,b(ie)?ie:[ie],t,n,r,i,a,s,c,l,u),x.__P&&(t.__e=null,c=d),t.__u&=-161,f&&f.some(C),m.__h.length&&s.push(m),1&m.__g&&(m.__g&=-4)}catch(e){if(s.length=p,t.__v=null,l||a){if(e&&e.then){if(t.__u|=128|l,a){for(~(A=a.indexOf(c||void 0))||(A=a.length);(j=a[A-1])&&j.nodeType==8;)A--;for(;A<a.length;A++)if(j=a[A]){if(a[A]=null,k){if(j==ae)break}else{if(j.nodeType!=8)break;j.data.startsWith(`$s`)&&(ae=se(k=j))}}}if(!k){for(;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;k=c}(d=se(k=t.__c.__z||(t.__c.__z=k)))?(t.__e=k,c=d):t.__e=c,c&&=c.nextSibling}else a&&a.some(C)}else t.__e=n.__e;t.__k||=n.__k||[],e&&e.then||ce(t),o.__e(e,t,n)}}else c=t.__e=ue(n.__e,t,n,r,i,a,s,l,u,e);return(d=o.diffed)&&d(t),c}function se(e,t){if(e&&e.nodeType==8&&e.data.startsWith(`$s`))for(var n=1;e=e.nextSibling;){if(e.nodeType==8){if(e.data.startsWith(`$s`))n++;else if(e.data.startsWith(`/$s`)&&!--n)return e}t&&t.push(e)}}function ce(e){e&&(e.__c&&(e.__c.__g|=4),e.__k&&e.__k.some(ce))}function le(e,t,n){for(var r=0;r<n.length;)de(n[r++],n[r++],n[r++]);o.__c&&o.__c(t,e),e.some(function(t){try{e=t.__h,t.__h=[],e.some(function(e){e.call(t)})}catch(e){o.__e(e,t.__v)}})}function ue(e,t,n,r,i,a,s,c,l,u){var d,f,p,m,h,g,v,S,w=n.props||_,T=t.props,E=t.type;if(E==`svg`?i=`http://www.w3.org/2000/svg`:E==`math`?i=`http://www.w3.org/1998/Math/MathML`:i||=`http://www.w3.org/1999/xhtml`,a){for(d=0;d<a.length;d++)if((h=a[d])&&(E?h.localName==E:h.nodeType==3)){e=h,a[d]=null;break}}if(!e){if(S=u.ownerDocument||document,!E)return S.createTextNode(T);e=S.createElementNS(i,E,T.is?T:u),c&&=(o.__m&&o.__m(t,a),!1),a=null}if(E){if(u=E==`template`&&e.content||e,a=E==`textarea`&&T.defaultValue!=null?null:a&&x.call(u.childNodes),!c&&a)for(w={},d=0;d<e.attributes.length;d++)w[(h=e.attributes[d]).name]=h.value;for(d in w)h=w[d],d==`dangerouslySetInnerHTML`?p=h:d==`children`||d in T||d==`value`&&`defaultValue`in T||d==`checked`&&`defaultChecked`in T||j(e,d,null,h,i);for(d in T)h=T[d],d==`children`?m=h:d==`dangerouslySetInnerHTML`?f=h:d==`value`?g=h:d==`checked`?v=h:c&&typeof h!=`function`||w[d]===h||j(e,d,h,w[d],i);f?(c||p&&(f.__html==p.__html||f.__html==e.innerHTML)||(e.innerHTML=f.__html),t.__k=[]):(p&&(e.textContent=``),(E==`foreignObject`||i==`http://www.w3.org/1998/Math/MathML`&&y.test(E))&&(i=`http://www.w3.org/1999/xhtml`),re(u,b(m)?m:[m],t,n,r,i,a,s,a?a[0]:n.__k&&D(n,0),c,l),a&&a.some(C)),c&&E!=`textarea`||(d=`value`,E==`progress`&&g==null?e.removeAttribute(d):g==null||g===e[d]&&(E!=`progress`||g)||j(e,d,g,w[d],i),d=`checked`,v!=null&&v!=e[d]&&j(e,d,v,w[d],i))}else w===T||c&&e.data==T||(e.data=T);return e}function de(e,t,n,r){try{typeof e==`function`?t?t.__x=e(t)||1:(r&&=r.__c||r.__e)&&(t=r.__x)&&(r.__x=null,typeof t==`function`?t():e(null)):e.current=t}catch(e){o.__e(e,n)}}function fe(e,t,n){var r,i,a,s;if(o.unmount&&o.unmount(e),!(r=e.ref)||r.current&&r.current!=e.__e||de(r,null,t,e),r=e.__c){if(r.componentWillUnmount)try{r.componentWillUnmount()}catch(e){o.__e(e,t)}r.__P=r.__n=null}if(r=e.__k)for(s=0;s<r.length;s++)r[s]&&fe(r[s],t,typeof e.type!=`function`||n&&!e.props.__P);!n&&(r=e.__c)&&(r=r.__z)&&(i=se(r,a=[]))&&(r==e.__e&&a.some(C),C(i),C(r)),n||C(e.__e),e.__e=e.__c=e.__=null}function pe(e,t,n){return this.constructor(e,n)}function me(e,t){var n,r,i,a;o.__&&o.__(e,t),t.nodeType==9&&(t=t.documentElement),r=(n=e&&32&e.__u)?null:t.__k,t.__k=w(T,{children:[e]}),i=[],a=[],oe(t,t.__k,r||_,_,t.namespaceURI,r?null:t.firstChild?x.call(t.childNodes):null,i,r?r.__e:t.firstChild,n,a),le(i,t.__k,a),t.__k.props.children=null}o={__e:function(e,t,n,r){for(var i,a,o;t=t.__;)if((i=t.__c)&&!(1&i.__g)){i.__g|=4;try{if((o=(a=i.constructor)&&a.getDerivedStateFromError)&&i.setState(a.getDerivedStateFromError(e)),i.componentDidCatch&&(i.componentDidCatch(e,r||{}),o=1),o&&8&i.__g)return void(i.__g|=2)}catch(t){e=t}}throw u=0,e}},s=0,E.prototype.setState=function(e,t){var n=this.__s;n&&n!=this.state||(n=this.__s=S({},this.state)),typeof e==`function`&&(e=e(S({},n),this.props)),e&&(S(n,e),this.__v&&(t&&this.__k.push(t),te(this)))},E.prototype.forceUpdate=function(e){this.__v&&(this.__g|=4,e&&this.__h.push(e),te(this))},E.prototype.render=T,c=[],u=0,d=function(e,t){return e.__v.__b-t.__v.__b},f=Symbol(),p=/(PointerCapture)$|Capture$/i,m=0,h={};var N,P,he,ge,_e=Object.is,ve=0,ye=[],be=[],F=o,xe=F.__b,Se=F.__r,Ce=F.diffed,we=F.__c,Te=F.unmount,Ee=F.__;function De(e,t){F.__h&&F.__h(P,e,ve||t),ve=0;var n=P.__H||(P.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function I(e){return ve=1,Oe(Be,e)}function Oe(e,t,n){var r=De(N++,2);if(r.t=e,!r.__c&&(r.__=[n?n(t):Be(void 0,t),function(e){var t=(r.__N||r.__)[0],n=r.t(t,e);_e(t,n)||(r.__N=[n,r.__[1]],r.__c.setState({}))}],r.__c=P,!P.__f)){P.__f=!0;var i=P.shouldComponentUpdate;P.shouldComponentUpdate=function(e,t,n){var r=this.__H;if(!r)return!0;var a=!1,o=this.props!=e;if(r.__.some(function(e){e.__N&&(a=!0,_e(e.__[0],e.__N[0])||(o=!0))}),i){var s=i.call(this,e,t,n);return a?s||o:s}return!a||o}}return r.__}function L(e,t){var n=De(N++,3);!F.__s&&ze(n.__H,t)&&(n.__P=!0,n.__=e,n.u=t,P.__H.__h.push(n))}function ke(e,t){var n=De(N++,4);!F.__s&&ze(n.__H,t)&&(n.__P=!1,n.__=e,n.u=t,P.__h.push(n))}function Ae(e){return ve=5,je(function(){return{current:e}},[])}function je(e,t){var n=De(N++,7);return ze(n.__H,t)&&(n.__=e(),n.__H=t),n.__}function Me(){var e=De(N++,11);if(!e.__){for(var t=P.__v;!t.__m&&t.__;)t=t.__;var n=t.__m||(t.__m=[0,0]);e.__=`P`+n[0]+`-`+n[1]++}return e.__}function Ne(){var e;do{for(;e=be.shift();)try{Le(e)}catch(t){F.__e(t,{__:(e=e.__P)&&e.__v})}for(;e=ye.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(Le),t.__h.some(Re),t.__h=[]}catch(n){t.__h=[],F.__e(n,e.__v)}}}while(be.length)}F.__b=function(e){P=null,xe&&xe(e)},F.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),Ee&&Ee(e,t)},F.__r=function(e){Se&&Se(e),N=0;var t=(P=e.__c).__H;t&&(he==P?P.__h=[]:(t.__h.some(Le),t.__h.some(Re),N=0),t.__h=[],t.__.some(function(e){e.__N&&(e.__=e.__N),e.u=e.__N=void 0})),he=P},F.diffed=function(e){Ce&&Ce(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&Ie(ye.push(t)),t.__H.__.some(function(e){e.u&&(e.__H=e.u)})),he=P=null},F.__c=function(e,t){t.some(function(e){try{e.__h.some(Le),e.__h=e.__h.filter(function(e){return!e.__||Re(e)})}catch(t){e.__h=[function(){throw t}]}}),we&&we(e,t)},F.unmount=function(e){Te&&Te(e);var t,n,r=e.__c;r&&r.__H&&(r.__H.__.some(function(r){try{if(r.__P&&r.__c){if(n===void 0){for(n=e.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n&&=n.__c}r.__P=n,Ie(be.push(r))}else Le(r)}catch(e){t=e}}),r.__H=void 0,t&&F.__e(t,r.__v))};var Pe=typeof requestAnimationFrame==`function`;function Fe(e){var t,n=function(){clearTimeout(r),Pe&&cancelAnimationFrame(t),setTimeout(e)},r=setTimeout(n,35);Pe&&(t=requestAnimationFrame(n))}function Ie(e){e!=1&&ge==F.requestAnimationFrame||((ge=F.requestAnimationFrame)||Fe)(Ne)}function Le(e){var t=P,n=e.__c;typeof n==`function`&&(e.__c=void 0,n()),P=t}function Re(e){var t=P;e.__c=e.__(),P=t}function ze(e,t){return!e||e.length!=t.length||t.some(function(t,n){return!_e(t,e[n])})}function Be(e,t){return typeof t==`function`?t(e):t}var R=class e extends Error{code;extensions;retryAfter;field;constructor(e,t,n={}){super(t),this.name=`ApiError`,this.code=e,this.extensions=n;let r=Number(n.retryAfter);this.retryAfter=Number.isFinite(r)&&r>0?Math.ceil(r):null,this.field=typeof n.field==`string`?n.field:null}static from(t){let n=t.extensions??{},r=typeof n.code==`string`?n.code:`INTERNAL`;return new e(r,t.message,n)}};function Ve(e){let t=e.trim();if(!t)return`Something went wrong.`;let n=t.charAt(0).toUpperCase()+t.slice(1);return/[.!?]$/.test(n)?n:`${n}.`}function He(e){if(!(e instanceof R))return`Something went wrong in the page. Reload it and try again.`;let t=e.message.toLowerCase();switch(e.code){case`NETWORK`:return`Cannot reach the server. Check the connection and try again.`;case`RATE_LIMITED`:return e.retryAfter?`Too many attempts. Try again in ${e.retryAfter} seconds.`:Ve(e.message);case`UNAUTHENTICATED`:return t.includes(`incorrect email or password`)?`The email or password is not right.`:t.includes(`disabled`)?`This account has been disabled. Ask an administrator to enable it again.`:`Your session has ended. Sign in again.`;case`FORBIDDEN`:return t.includes(`disabled`)?`This account has been disabled. Ask an administrator to enable it again.`:Ve(`You are not allowed to do that: ${e.message}`);case`NOT_FOUND`:return Ve(`Not found: ${e.message}`);case`INTERNAL`:return`Something went wrong on the server. Try again; if it keeps happening, tell an administrator.`;default:return Ve(e.message)}}var Ue=()=>{};function We(e){Ue=e}function Ge(e){Ue(e)}function Ke(){let e=r();return e?{Authorization:`Bearer ${e}`}:{}}async function z(e,...[n]){let r={"Content-Type":`application/json`,Accept:`application/json`,...Ke()},i;try{i=await fetch(t(),{method:`POST`,headers:r,body:JSON.stringify({query:e.toString(),variables:n??{}})})}catch{throw new R(`NETWORK`,`network error`)}let a;try{a=await i.json()}catch{throw new R(i.status>=500?`INTERNAL`:`NETWORK`,`HTTP ${i.status}`)}let o=a.errors?.[0];if(o){let e=R.from(o);throw e.code===`UNAUTHENTICATED`&&`Authorization`in r&&Ue(e.message),e}if(a.data==null)throw new R(`INTERNAL`,`empty response`);return a.data}var B=class extends String{__apiType;value;__meta__;constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}},qe=new B(`
    fragment ImagePage on ImageConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    cursor
    node {
      id
      width
      height
      starred
      createdAt
      queueItemId
      url
      thumbnailUrl
      owner {
        id
        displayName
      }
      board {
        id
        name
      }
    }
  }
}
    `,{fragmentName:`ImagePage`}),Je={"\n  mutation SetQuota($userId: ID!, $maxPendingJobs: Int, $maxImagesPerDay: Int, $maxStorageBytes: Long) {\n    setQuota(userId: $userId, maxPendingJobs: $maxPendingJobs, maxImagesPerDay: $maxImagesPerDay, maxStorageBytes: $maxStorageBytes) {\n      id quota { maxPendingJobs maxImagesPerDay maxStorageBytes }\n    }\n  }\n":new B(`
    mutation SetQuota($userId: ID!, $maxPendingJobs: Int, $maxImagesPerDay: Int, $maxStorageBytes: Long) {
  setQuota(
    userId: $userId
    maxPendingJobs: $maxPendingJobs
    maxImagesPerDay: $maxImagesPerDay
    maxStorageBytes: $maxStorageBytes
  ) {
    id
    quota {
      maxPendingJobs
      maxImagesPerDay
      maxStorageBytes
    }
  }
}
    `),"\n  query AdminModels {\n    models { key name type base description isDefault defaults }\n  }\n":new B(`
    query AdminModels {
  models {
    key
    name
    type
    base
    description
    isDefault
    defaults
  }
}
    `),"\n  mutation InstallModel($input: ModelInstallInput!) {\n    installModel(input: $input) { key name type base description isDefault defaults }\n  }\n":new B(`
    mutation InstallModel($input: ModelInstallInput!) {
  installModel(input: $input) {
    key
    name
    type
    base
    description
    isDefault
    defaults
  }
}
    `),"\n  mutation UpdateModel($key: ID!, $defaults: JSON, $isDefault: Boolean) {\n    updateModel(key: $key, defaults: $defaults, isDefault: $isDefault) { key isDefault defaults }\n  }\n":new B(`
    mutation UpdateModel($key: ID!, $defaults: JSON, $isDefault: Boolean) {
  updateModel(key: $key, defaults: $defaults, isDefault: $isDefault) {
    key
    isDefault
    defaults
  }
}
    `),"\n  mutation DeleteModel($key: ID!, $force: Boolean = false) { deleteModel(key: $key, force: $force) }\n":new B(`
    mutation DeleteModel($key: ID!, $force: Boolean = false) {
  deleteModel(key: $key, force: $force)
}
    `),"\n  subscription ModelInstallProgress {\n    modelInstallProgress { source stage message }\n  }\n":new B(`
    subscription ModelInstallProgress {
  modelInstallProgress {
    source
    stage
    message
  }
}
    `),"\n  query AdminQueue($status: QueueItemStatus) {\n    queueStatus { paused policy pending inProgress completed failed canceled }\n    queueItems(status: $status, first: 50) {\n      id status createdAt ownerName isMine position error\n      params { prompt model width height steps }\n    }\n  }\n":new B(`
    query AdminQueue($status: QueueItemStatus) {
  queueStatus {
    paused
    policy
    pending
    inProgress
    completed
    failed
    canceled
  }
  queueItems(status: $status, first: 50) {
    id
    status
    createdAt
    ownerName
    isMine
    position
    error
    params {
      prompt
      model
      width
      height
      steps
    }
  }
}
    `),"\n  mutation PauseProcessor { pauseProcessor { paused policy } }\n":new B(`
    mutation PauseProcessor {
  pauseProcessor {
    paused
    policy
  }
}
    `),"\n  mutation ResumeProcessor { resumeProcessor { paused policy } }\n":new B(`
    mutation ResumeProcessor {
  resumeProcessor {
    paused
    policy
  }
}
    `),"\n  mutation SetQueuePolicy($policy: QueuePolicy!) {\n    setQueuePolicy(policy: $policy) { paused policy }\n  }\n":new B(`
    mutation SetQueuePolicy($policy: QueuePolicy!) {
  setQueuePolicy(policy: $policy) {
    paused
    policy
  }
}
    `),"\n  mutation AdminCancelItem($id: ID!) {\n    cancelQueueItem(id: $id) { id status }\n  }\n":new B(`
    mutation AdminCancelItem($id: ID!) {
  cancelQueueItem(id: $id) {
    id
    status
  }
}
    `),"\n  query AuditUsers { users { id displayName email } }\n":new B(`
    query AuditUsers {
  users {
    id
    displayName
    email
  }
}
    `),"\n  query AuditLog($first: Int = 50, $after: String, $actorId: ID, $action: String) {\n    auditLog(first: $first, after: $after, actorId: $actorId, action: $action) {\n      id at action targetType targetId detail ip cursor\n      actor { id displayName }\n    }\n  }\n":new B(`
    query AuditLog($first: Int = 50, $after: String, $actorId: ID, $action: String) {
  auditLog(first: $first, after: $after, actorId: $actorId, action: $action) {
    id
    at
    action
    targetType
    targetId
    detail
    ip
    cursor
    actor {
      id
      displayName
    }
  }
}
    `),"\n  query BoardShares($id: ID!) {\n    board(id: $id) {\n      id myAccess\n      owner { id displayName }\n      shares { access user { id displayName email } }\n    }\n  }\n":new B(`
    query BoardShares($id: ID!) {
  board(id: $id) {
    id
    myAccess
    owner {
      id
      displayName
    }
    shares {
      access
      user {
        id
        displayName
        email
      }
    }
  }
}
    `),"\n  mutation ShareBoard($boardId: ID!, $userId: ID!, $access: BoardAccess!) {\n    shareBoard(boardId: $boardId, userId: $userId, access: $access) {\n      id myAccess\n      owner { id displayName }\n      shares { access user { id displayName email } }\n    }\n  }\n":new B(`
    mutation ShareBoard($boardId: ID!, $userId: ID!, $access: BoardAccess!) {
  shareBoard(boardId: $boardId, userId: $userId, access: $access) {
    id
    myAccess
    owner {
      id
      displayName
    }
    shares {
      access
      user {
        id
        displayName
        email
      }
    }
  }
}
    `),"\n  mutation UnshareBoard($boardId: ID!, $userId: ID!) {\n    unshareBoard(boardId: $boardId, userId: $userId) {\n      id myAccess\n      owner { id displayName }\n      shares { access user { id displayName email } }\n    }\n  }\n":new B(`
    mutation UnshareBoard($boardId: ID!, $userId: ID!) {
  unshareBoard(boardId: $boardId, userId: $userId) {
    id
    myAccess
    owner {
      id
      displayName
    }
    shares {
      access
      user {
        id
        displayName
        email
      }
    }
  }
}
    `),"\n  query ShareDirectory {\n    users { id displayName email isActive }\n  }\n":new B(`
    query ShareDirectory {
  users {
    id
    displayName
    email
    isActive
  }
}
    `),"\n  query SetupStatus {\n    setupStatus { setupRequired multiuserEnabled passwordPolicy }\n  }\n":new B(`
    query SetupStatus {
  setupStatus {
    setupRequired
    multiuserEnabled
    passwordPolicy
  }
}
    `),"\n  query Me {\n    me { id displayName email isAdmin }\n  }\n":new B(`
    query Me {
  me {
    id
    displayName
    email
    isAdmin
  }
}
    `),"\n  mutation Setup($input: SetupInput!) {\n    setup(input: $input) { token expiresAt user { id displayName email isAdmin } }\n  }\n":new B(`
    mutation Setup($input: SetupInput!) {
  setup(input: $input) {
    token
    expiresAt
    user {
      id
      displayName
      email
      isAdmin
    }
  }
}
    `),"\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { token expiresAt user { id displayName email isAdmin } }\n  }\n":new B(`
    mutation Login($input: LoginInput!) {
  login(input: $input) {
    token
    expiresAt
    user {
      id
      displayName
      email
      isAdmin
    }
  }
}
    `),"\n  mutation Logout { logout }\n":new B(`
    mutation Logout {
  logout
}
    `),"\n  mutation LogoutEverywhere { logoutEverywhere }\n":new B(`
    mutation LogoutEverywhere {
  logoutEverywhere
}
    `),"\n  query GenerateForm {\n    models { key name type base description isDefault defaults }\n    stylePresets(first: 100) { id name positivePrompt negativePrompt isPublic }\n    boards(first: 100) { id name myAccess archived owner { id displayName } }\n  }\n":new B(`
    query GenerateForm {
  models {
    key
    name
    type
    base
    description
    isDefault
    defaults
  }
  stylePresets(first: 100) {
    id
    name
    positivePrompt
    negativePrompt
    isPublic
  }
  boards(first: 100) {
    id
    name
    myAccess
    archived
    owner {
      id
      displayName
    }
  }
}
    `),"\n  mutation Enqueue($input: EnqueueInput!) {\n    enqueue(input: $input) {\n      batchId\n      items {\n        id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n        estimatedStartAt\n        params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n      }\n    }\n  }\n":new B(`
    mutation Enqueue($input: EnqueueInput!) {
  enqueue(input: $input) {
    batchId
    items {
      id
      batchId
      status
      cost
      createdAt
      startedAt
      completedAt
      isMine
      ownerName
      error
      position
      estimatedStartAt
      params {
        prompt
        negativePrompt
        model
        width
        height
        steps
        cfgScale
        scheduler
        seed
        boardId
      }
    }
  }
}
    `),"\n  query QueuePage {\n    queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n    running: queueItems(status: IN_PROGRESS, first: 10) {\n      id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n      estimatedStartAt\n      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n    }\n    pending: queueItems(status: PENDING, first: 100) {\n      id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n      estimatedStartAt\n      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n    }\n  }\n":new B(`
    query QueuePage {
  queueStatus {
    paused
    policy
    pending
    inProgress
    completed
    failed
    canceled
    myPending
    myInProgress
  }
  running: queueItems(status: IN_PROGRESS, first: 10) {
    id
    batchId
    status
    cost
    createdAt
    startedAt
    completedAt
    isMine
    ownerName
    error
    position
    estimatedStartAt
    params {
      prompt
      negativePrompt
      model
      width
      height
      steps
      cfgScale
      scheduler
      seed
      boardId
    }
  }
  pending: queueItems(status: PENDING, first: 100) {
    id
    batchId
    status
    cost
    createdAt
    startedAt
    completedAt
    isMine
    ownerName
    error
    position
    estimatedStartAt
    params {
      prompt
      negativePrompt
      model
      width
      height
      steps
      cfgScale
      scheduler
      seed
      boardId
    }
  }
}
    `),"\n  subscription QueueEvents($since: String) {\n    queueEvents(since: $since) {\n      __typename\n      ... on QueueItemStatusChanged {\n        cursor\n        item {\n          id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n          estimatedStartAt\n          params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n        }\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n      ... on BatchEnqueued {\n        cursor batchId itemCount\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n      ... on QueueCleared {\n        cursor\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n      ... on ProcessorStateChanged {\n        cursor\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n    }\n  }\n":new B(`
    subscription QueueEvents($since: String) {
  queueEvents(since: $since) {
    __typename
    ... on QueueItemStatusChanged {
      cursor
      item {
        id
        batchId
        status
        cost
        createdAt
        startedAt
        completedAt
        isMine
        ownerName
        error
        position
        estimatedStartAt
        params {
          prompt
          negativePrompt
          model
          width
          height
          steps
          cfgScale
          scheduler
          seed
          boardId
        }
      }
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
    ... on BatchEnqueued {
      cursor
      batchId
      itemCount
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
    ... on QueueCleared {
      cursor
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
    ... on ProcessorStateChanged {
      cursor
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
  }
}
    `),"\n  subscription Progress {\n    generationProgress { queueItemId batchId step totalSteps percentage preview }\n  }\n":new B(`
    subscription Progress {
  generationProgress {
    queueItemId
    batchId
    step
    totalSteps
    percentage
    preview
  }
}
    `),"\n  subscription ImageAdded {\n    imageAdded {\n      image {\n        id width height starred createdAt queueItemId url thumbnailUrl\n        owner { id displayName }\n        board { id name }\n      }\n    }\n  }\n":new B(`
    subscription ImageAdded {
  imageAdded {
    image {
      id
      width
      height
      starred
      createdAt
      queueItemId
      url
      thumbnailUrl
      owner {
        id
        displayName
      }
      board {
        id
        name
      }
    }
  }
}
    `),"\n  mutation CancelItem($id: ID!) {\n    cancelQueueItem(id: $id) { id status }\n  }\n":new B(`
    mutation CancelItem($id: ID!) {
  cancelQueueItem(id: $id) {
    id
    status
  }
}
    `),"\n  mutation RetryItems($ids: [ID!]!) {\n    retryQueueItems(ids: $ids) {\n      id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n      estimatedStartAt\n      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n    }\n  }\n":new B(`
    mutation RetryItems($ids: [ID!]!) {
  retryQueueItems(ids: $ids) {
    id
    batchId
    status
    cost
    createdAt
    startedAt
    completedAt
    isMine
    ownerName
    error
    position
    estimatedStartAt
    params {
      prompt
      negativePrompt
      model
      width
      height
      steps
      cfgScale
      scheduler
      seed
      boardId
    }
  }
}
    `),"\n  mutation ClearQueue { clearQueue }\n":new B(`
    mutation ClearQueue {
  clearQueue
}
    `),"\n  fragment ImagePage on ImageConnection {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges {\n      cursor\n      node {\n        id width height starred createdAt queueItemId url thumbnailUrl\n        owner { id displayName }\n        board { id name }\n      }\n    }\n  }\n":qe,"\n  query GalleryPage($boardId: ID, $uncategorized: Boolean, $after: String) {\n    boards(first: 100) {\n      id name isPublic archived createdAt myAccess imageCount\n      owner { id displayName }\n      coverImage { id thumbnailUrl width height }\n    }\n    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {\n      ...ImagePage\n    }\n  }\n":new B(`
    query GalleryPage($boardId: ID, $uncategorized: Boolean, $after: String) {
  boards(first: 100) {
    id
    name
    isPublic
    archived
    createdAt
    myAccess
    imageCount
    owner {
      id
      displayName
    }
    coverImage {
      id
      thumbnailUrl
      width
      height
    }
  }
  images(
    boardId: $boardId
    uncategorized: $uncategorized
    first: 100
    after: $after
  ) {
    ...ImagePage
  }
}
    fragment ImagePage on ImageConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    cursor
    node {
      id
      width
      height
      starred
      createdAt
      queueItemId
      url
      thumbnailUrl
      owner {
        id
        displayName
      }
      board {
        id
        name
      }
    }
  }
}`),"\n  query ImagesPage($boardId: ID, $uncategorized: Boolean, $after: String) {\n    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {\n      ...ImagePage\n    }\n  }\n":new B(`
    query ImagesPage($boardId: ID, $uncategorized: Boolean, $after: String) {
  images(
    boardId: $boardId
    uncategorized: $uncategorized
    first: 100
    after: $after
  ) {
    ...ImagePage
  }
}
    fragment ImagePage on ImageConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    cursor
    node {
      id
      width
      height
      starred
      createdAt
      queueItemId
      url
      thumbnailUrl
      owner {
        id
        displayName
      }
      board {
        id
        name
      }
    }
  }
}`),"\n  query ImageDetail($id: ID!) {\n    image(id: $id) {\n      id width height sizeBytes starred createdAt metadata queueItemId url thumbnailUrl\n      owner { id displayName }\n      board { id name myAccess }\n    }\n  }\n":new B(`
    query ImageDetail($id: ID!) {
  image(id: $id) {
    id
    width
    height
    sizeBytes
    starred
    createdAt
    metadata
    queueItemId
    url
    thumbnailUrl
    owner {
      id
      displayName
    }
    board {
      id
      name
      myAccess
    }
  }
}
    `),"\n  mutation UpdateImage($id: ID!, $starred: Boolean, $boardId: ID, $clearBoard: Boolean) {\n    updateImage(id: $id, starred: $starred, boardId: $boardId, clearBoard: $clearBoard) {\n      id starred board { id name myAccess }\n    }\n  }\n":new B(`
    mutation UpdateImage($id: ID!, $starred: Boolean, $boardId: ID, $clearBoard: Boolean) {
  updateImage(
    id: $id
    starred: $starred
    boardId: $boardId
    clearBoard: $clearBoard
  ) {
    id
    starred
    board {
      id
      name
      myAccess
    }
  }
}
    `),"\n  mutation DeleteImages($ids: [ID!]!) {\n    deleteImages(ids: $ids)\n  }\n":new B(`
    mutation DeleteImages($ids: [ID!]!) {
  deleteImages(ids: $ids)
}
    `),"\n  query Boards {\n    boards(first: 100) { id name myAccess archived owner { id displayName } }\n  }\n":new B(`
    query Boards {
  boards(first: 100) {
    id
    name
    myAccess
    archived
    owner {
      id
      displayName
    }
  }
}
    `),"\n  mutation CreateBoard($name: String!) {\n    createBoard(name: $name) {\n      id name isPublic archived createdAt myAccess imageCount\n      owner { id displayName }\n      coverImage { id thumbnailUrl width height }\n    }\n  }\n":new B(`
    mutation CreateBoard($name: String!) {
  createBoard(name: $name) {
    id
    name
    isPublic
    archived
    createdAt
    myAccess
    imageCount
    owner {
      id
      displayName
    }
    coverImage {
      id
      thumbnailUrl
      width
      height
    }
  }
}
    `),"\n  mutation UpdateBoard($id: ID!, $name: String, $archived: Boolean, $isPublic: Boolean) {\n    updateBoard(id: $id, name: $name, archived: $archived, isPublic: $isPublic) {\n      id name isPublic archived createdAt myAccess imageCount\n      owner { id displayName }\n      coverImage { id thumbnailUrl width height }\n    }\n  }\n":new B(`
    mutation UpdateBoard($id: ID!, $name: String, $archived: Boolean, $isPublic: Boolean) {
  updateBoard(id: $id, name: $name, archived: $archived, isPublic: $isPublic) {
    id
    name
    isPublic
    archived
    createdAt
    myAccess
    imageCount
    owner {
      id
      displayName
    }
    coverImage {
      id
      thumbnailUrl
      width
      height
    }
  }
}
    `),"\n  mutation DeleteBoard($id: ID!) {\n    deleteBoard(id: $id)\n  }\n":new B(`
    mutation DeleteBoard($id: ID!) {
  deleteBoard(id: $id)
}
    `),"\n  query ProfilePage {\n    me { id displayName email isAdmin createdAt lastLoginAt }\n    sessions { id createdAt lastSeenAt expiresAt ip userAgent current }\n    apiTokens { id name scopes createdAt expiresAt lastUsedAt }\n  }\n":new B(`
    query ProfilePage {
  me {
    id
    displayName
    email
    isAdmin
    createdAt
    lastLoginAt
  }
  sessions {
    id
    createdAt
    lastSeenAt
    expiresAt
    ip
    userAgent
    current
  }
  apiTokens {
    id
    name
    scopes
    createdAt
    expiresAt
    lastUsedAt
  }
}
    `),"\n  mutation UpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) { id displayName email isAdmin }\n  }\n":new B(`
    mutation UpdateMe($input: UpdateMeInput!) {
  updateMe(input: $input) {
    id
    displayName
    email
    isAdmin
  }
}
    `),"\n  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }\n":new B(`
    mutation RevokeSession($id: ID!) {
  revokeSession(id: $id)
}
    `),"\n  mutation CreateApiToken($name: String!, $scopes: [String!]!, $expiresInDays: Int) {\n    createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {\n      token\n      apiToken { id name scopes createdAt expiresAt lastUsedAt }\n    }\n  }\n":new B(`
    mutation CreateApiToken($name: String!, $scopes: [String!]!, $expiresInDays: Int) {
  createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {
    token
    apiToken {
      id
      name
      scopes
      createdAt
      expiresAt
      lastUsedAt
    }
  }
}
    `),"\n  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) }\n":new B(`
    mutation RevokeApiToken($id: ID!) {
  revokeApiToken(id: $id)
}
    `),"\n  query AdminUsersPage {\n    users {\n      id displayName email isAdmin isActive createdAt lastLoginAt\n      stats { boardCount imageCount storageBytes pendingJobs }\n      quota { maxPendingJobs maxImagesPerDay maxStorageBytes }\n    }\n  }\n":new B(`
    query AdminUsersPage {
  users {
    id
    displayName
    email
    isAdmin
    isActive
    createdAt
    lastLoginAt
    stats {
      boardCount
      imageCount
      storageBytes
      pendingJobs
    }
    quota {
      maxPendingJobs
      maxImagesPerDay
      maxStorageBytes
    }
  }
}
    `),"\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id }\n  }\n":new B(`
    mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    id
  }
}
    `),"\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) { id displayName isAdmin isActive }\n  }\n":new B(`
    mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
  updateUser(id: $id, input: $input) {
    id
    displayName
    isAdmin
    isActive
  }
}
    `),"\n  mutation DeleteUser($id: ID!) { deleteUser(id: $id) }\n":new B(`
    mutation DeleteUser($id: ID!) {
  deleteUser(id: $id)
}
    `),"\n  mutation UnlockUser($id: ID!) { unlockUser(id: $id) { id } }\n":new B(`
    mutation UnlockUser($id: ID!) {
  unlockUser(id: $id) {
    id
  }
}
    `),"\n  mutation UploadImage($file: Upload!, $boardId: ID) {\n    uploadImage(file: $file, boardId: $boardId) {\n      id width height starred createdAt queueItemId url thumbnailUrl\n      owner { id displayName }\n      board { id name }\n    }\n  }\n":new B(`
    mutation UploadImage($file: Upload!, $boardId: ID) {
  uploadImage(file: $file, boardId: $boardId) {
    id
    width
    height
    starred
    createdAt
    queueItemId
    url
    thumbnailUrl
    owner {
      id
      displayName
    }
    board {
      id
      name
    }
  }
}
    `)};function V(e){return Je[e]??{}}var Ye=V(`
  query SetupStatus {
    setupStatus { setupRequired multiuserEnabled passwordPolicy }
  }
`),Xe=V(`
  query Me {
    me { id displayName email isAdmin }
  }
`),Ze=V(`
  mutation Setup($input: SetupInput!) {
    setup(input: $input) { token expiresAt user { id displayName email isAdmin } }
  }
`),Qe=V(`
  mutation Login($input: LoginInput!) {
    login(input: $input) { token expiresAt user { id displayName email isAdmin } }
  }
`),$e=V(`
  mutation Logout { logout }
`),et=V(`
  mutation LogoutEverywhere { logoutEverywhere }
`),tt=V(`
  query GenerateForm {
    models { key name type base description isDefault defaults }
    stylePresets(first: 100) { id name positivePrompt negativePrompt isPublic }
    boards(first: 100) { id name myAccess archived owner { id displayName } }
  }
`),nt=V(`
  mutation Enqueue($input: EnqueueInput!) {
    enqueue(input: $input) {
      batchId
      items {
        id batchId status cost createdAt startedAt completedAt isMine ownerName error position
        estimatedStartAt
        params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
      }
    }
  }
`),rt=V(`
  query QueuePage {
    queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
    running: queueItems(status: IN_PROGRESS, first: 10) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
    pending: queueItems(status: PENDING, first: 100) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
  }
`),it=V(`
  subscription QueueEvents($since: String) {
    queueEvents(since: $since) {
      __typename
      ... on QueueItemStatusChanged {
        cursor
        item {
          id batchId status cost createdAt startedAt completedAt isMine ownerName error position
          estimatedStartAt
          params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
        }
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on BatchEnqueued {
        cursor batchId itemCount
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on QueueCleared {
        cursor
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on ProcessorStateChanged {
        cursor
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
    }
  }
`),at=V(`
  subscription Progress {
    generationProgress { queueItemId batchId step totalSteps percentage preview }
  }
`),ot=V(`
  subscription ImageAdded {
    imageAdded {
      image {
        id width height starred createdAt queueItemId url thumbnailUrl
        owner { id displayName }
        board { id name }
      }
    }
  }
`),st=V(`
  mutation CancelItem($id: ID!) {
    cancelQueueItem(id: $id) { id status }
  }
`),ct=V(`
  mutation RetryItems($ids: [ID!]!) {
    retryQueueItems(ids: $ids) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
  }
`),lt=V(`
  mutation ClearQueue { clearQueue }
`);V(`
  fragment ImagePage on ImageConnection {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id width height starred createdAt queueItemId url thumbnailUrl
        owner { id displayName }
        board { id name }
      }
    }
  }
`);var ut=V(`
  query GalleryPage($boardId: ID, $uncategorized: Boolean, $after: String) {
    boards(first: 100) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {
      ...ImagePage
    }
  }
`),dt=V(`
  query ImagesPage($boardId: ID, $uncategorized: Boolean, $after: String) {
    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {
      ...ImagePage
    }
  }
`),ft=V(`
  query ImageDetail($id: ID!) {
    image(id: $id) {
      id width height sizeBytes starred createdAt metadata queueItemId url thumbnailUrl
      owner { id displayName }
      board { id name myAccess }
    }
  }
`),pt=V(`
  mutation UpdateImage($id: ID!, $starred: Boolean, $boardId: ID, $clearBoard: Boolean) {
    updateImage(id: $id, starred: $starred, boardId: $boardId, clearBoard: $clearBoard) {
      id starred board { id name myAccess }
    }
  }
`),mt=V(`
  mutation DeleteImages($ids: [ID!]!) {
    deleteImages(ids: $ids)
  }
`),ht=V(`
  query Boards {
    boards(first: 100) { id name myAccess archived owner { id displayName } }
  }
`),gt=V(`
  mutation CreateBoard($name: String!) {
    createBoard(name: $name) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
  }
`),_t=V(`
  mutation UpdateBoard($id: ID!, $name: String, $archived: Boolean, $isPublic: Boolean) {
    updateBoard(id: $id, name: $name, archived: $archived, isPublic: $isPublic) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
  }
`),vt=V(`
  mutation DeleteBoard($id: ID!) {
    deleteBoard(id: $id)
  }
`),yt=V(`
  query ProfilePage {
    me { id displayName email isAdmin createdAt lastLoginAt }
    sessions { id createdAt lastSeenAt expiresAt ip userAgent current }
    apiTokens { id name scopes createdAt expiresAt lastUsedAt }
  }
`),bt=V(`
  mutation UpdateMe($input: UpdateMeInput!) {
    updateMe(input: $input) { id displayName email isAdmin }
  }
`),xt=V(`
  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }
`),St=V(`
  mutation CreateApiToken($name: String!, $scopes: [String!]!, $expiresInDays: Int) {
    createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {
      token
      apiToken { id name scopes createdAt expiresAt lastUsedAt }
    }
  }
`),Ct=V(`
  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) }
`),wt=V(`
  query AdminUsersPage {
    users {
      id displayName email isAdmin isActive createdAt lastLoginAt
      stats { boardCount imageCount storageBytes pendingJobs }
      quota { maxPendingJobs maxImagesPerDay maxStorageBytes }
    }
  }
`),Tt=V(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { id }
  }
`),Et=V(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) { id displayName isAdmin isActive }
  }
`),Dt=V(`
  mutation DeleteUser($id: ID!) { deleteUser(id: $id) }
`),Ot=V(`
  mutation UnlockUser($id: ID!) { unlockUser(id: $id) { id } }
`),kt=null,At=`connecting`,jt=new Set,Mt=!1;function Nt(e,t=!1){At=e;for(let n of jt)n(e,t)}function Pt(e){return jt.add(e),()=>jt.delete(e)}function Ft(){return kt||(kt=a({url:e(),lazy:!0,lazyCloseTimeout:2e3,keepAlive:2e4,retryAttempts:1/0,retryWait:async e=>new Promise(t=>setTimeout(t,Math.min(15e3,1e3*2**e)*(.75+Math.random()/2))),shouldRetry:e=>{let t=e?.code;return t!==4401&&t!==4403},connectionParams:()=>{let e=r();return e?{authorization:`Bearer ${e}`}:{}},on:{connecting:()=>Nt(At===`online`?`offline`:At),connected:()=>{let e=Mt;Mt=!0,Nt(`online`,e)},closed:e=>{let t=e;t?.code===4401&&Ge(t.reason||`session has ended`),At===`online`&&Nt(`offline`)}}}),kt)}function It(){let e=kt;kt=null,Mt=!1,At=`connecting`,e?.dispose()}function Lt(e,t,n){let i=e=>{e.code===`UNAUTHENTICATED`&&r()&&Ge(e.message),n.error?.(e)};return Ft().subscribe({query:e.toString(),variables:t},{next:e=>{let t=e.errors?.[0];t?i(R.from(t)):e.data&&n.next(e.data)},error:e=>{if(Array.isArray(e)&&e[0])i(R.from(e[0]));else if(e&&typeof e==`object`&&`code`in e){let t=e;i(new R(t.code===4401?`UNAUTHENTICATED`:`NETWORK`,t.reason||`closed`))}else i(new R(`NETWORK`,`subscription failed`))},complete:()=>n.complete?.()})}function Rt(e){let t=e,n=new Set;return{get:()=>t,set(e){let r=typeof e==`function`?e(t):e;if(!Object.is(r,t)){t=r;for(let e of[...n])e(t)}},subscribe(e){return n.add(e),()=>n.delete(e)}}}function H(e){let[t,n]=I(e.get);return L(()=>(n(()=>e.get()),e.subscribe(e=>n(()=>e))),[e]),t}var zt=()=>({status:null,items:new Map,progress:new Map,recentImages:[],connection:`connecting`,notice:null,error:null}),Bt=Rt(zt()),Vt=50,Ht=12,Ut=null,Wt=[],Gt=null,Kt=0,qt=0,Jt=0,Yt=new Map,Xt=new Set;function U(e){Bt.set(t=>({...t,...e(t)}))}function Zt(e){let t=[...e.values()].filter(e=>e.status!==`PENDING`&&e.status!==`IN_PROGRESS`);if(t.length<=Vt)return e;t.sort((e,t)=>(e.completedAt??e.createdAt).localeCompare(t.completedAt??t.createdAt));let n=new Map(e);for(let e of t.slice(0,t.length-Vt))n.delete(e.id);return n}function Qt(e){let t=performance.now();for(let n of e)Yt.set(n.id,t);U(t=>{let n=new Map(t.items);for(let t of e)n.set(t.id,t);return{items:Zt(n)}})}async function $t(){let e=performance.now();Kt=Date.now();try{let t=await z(rt);U(n=>{let r=new Map,i=new Map([...t.running,...t.pending].map(e=>[e.id,e]));for(let[t,a]of n.items)((Yt.get(t)??0)>e||!i.has(t)&&a.status!==`PENDING`&&a.status!==`IN_PROGRESS`)&&r.set(t,a);for(let[e,t]of i)r.has(e)||r.set(e,t);return{items:Zt(r),status:t.queueStatus,error:null}})}catch(e){if(e instanceof R&&e.code===`UNAUTHENTICATED`)return;U(()=>({error:`Could not load the queue. Retrying…`})),en(5e3)}}function en(e=0){if(Gt)return;let t=Math.max(e,1e3-(Date.now()-Kt));Gt=setTimeout(()=>{Gt=null,$t()},t)}function tn(e){let t=e.queueEvents;if(Ut=t.cursor,performance.now()<qt&&(Jt+=1),t.__typename===`QueueItemStatusChanged`){let e=t.item;Qt([e]),e.status!==`IN_PROGRESS`&&U(t=>{if(!t.progress.has(e.id))return{};let n=new Map(t.progress);return n.delete(e.id),{progress:n}})}U(()=>({status:t.queueStatus})),en()}function nn(e){let t=e.generationProgress,n=performance.now();U(e=>{let r=new Map(e.progress),i=r.get(t.queueItemId);return r.set(t.queueItemId,{...t,preview:t.preview??i?.preview??null,receivedAt:n,firstAt:i?.firstAt??n,firstStep:i?.firstStep??t.step}),{progress:r}})}function rn(e){let t=e.imageAdded.image;U(e=>({recentImages:[t,...e.recentImages.filter(e=>e.id!==t.id)].slice(0,Ht)}));for(let e of Xt)e(t)}function an(e){return Xt.add(e),()=>Xt.delete(e)}function on(e){let t=!1,n=null,r=a=>{t||n||a?.code===`UNAUTHENTICATED`||(n=setTimeout(()=>{n=null,t||(i=e(r))},1e3))},i=e(r);return()=>{t=!0,n&&clearTimeout(n),i()}}function sn(){cn(),Bt.set(zt()),Ut=null,$t();let e={get since(){return Ut}};Wt=[on(t=>Lt(it,e,{next:tn,error:t,complete:t})),on(e=>Lt(at,{},{next:nn,error:e,complete:e})),on(e=>Lt(ot,{},{next:rn,error:e,complete:e})),Pt((e,t)=>{U(()=>({connection:e,...e===`offline`?{notice:null}:{}})),t&&(Jt=0,qt=performance.now()+1500,setTimeout(()=>{let e=Jt;U(()=>({notice:e>0?`Reconnected. Caught up on ${e} queue ${e===1?`change`:`changes`} missed while offline.`:`Reconnected.`})),$t()},1500))})]}function cn(){for(let e of Wt)e();Wt=[],Gt&&clearTimeout(Gt),Gt=null,Yt.clear()}function ln(){$t()}var un=Rt(window.location.pathname+window.location.search);function W(e,t=!1){e!==un.get()&&(t?history.replaceState(null,``,e):history.pushState(null,``,e),un.set(e),window.scrollTo(0,0))}window.addEventListener(`popstate`,()=>un.set(window.location.pathname+window.location.search));function dn(){let[e,t=``]=H(un).split(`?`);return{path:e||`/`,query:new URLSearchParams(t)}}function G(e){e.defaultPrevented||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey||(e.preventDefault(),W(e.currentTarget.getAttribute(`href`)??`/`))}var K=Rt({kind:`loading`}),fn=``;function pn(){return fn}var mn=new Set;function hn(e){return mn.add(e),()=>mn.delete(e)}function gn(e){i(),It();for(let e of[...mn])e();K.set({kind:`signin`,policy:fn,notice:e})}function _n(e){let t=e.toLowerCase();return t.includes(`disabled`)?`Your account has been disabled, so you were signed out.`:t.includes(`expired`)?`Your session expired. Sign in again.`:`Your session has ended: signed out elsewhere, your password or account was changed, or the server's keys were rotated. Sign in again.`}We(e=>{K.get().kind===`app`&&gn(_n(e))});async function vn(){try{let e=z(Xe);e.catch(()=>{});let{setupStatus:t}=await z(Ye);if(fn=t.passwordPolicy,!t.multiuserEnabled){let{me:t}=await e;K.set({kind:`app`,viewer:t,multiuser:!1});return}if(t.setupRequired){i(),K.set({kind:`setup`,policy:fn});return}if(!r()){K.set({kind:`signin`,policy:fn,notice:null});return}try{let{me:t}=await e;K.set({kind:`app`,viewer:t,multiuser:!0})}catch(e){if(e instanceof R&&e.code===`UNAUTHENTICATED`){gn(_n(e.message));return}throw e}}catch(e){K.set({kind:`unreachable`,message:He(e)})}}function yn(e,t,r){n(e,t),It(),K.set({kind:`app`,viewer:r,multiuser:!0})}async function bn(e){try{await z(e?et:$e)}catch{}gn(e?`You were signed out on every device.`:`You are signed out.`)}function xn(){let e=()=>{document.visibilityState===`visible`&&z(Xe).catch(()=>{})},t=setInterval(e,6e4);return document.addEventListener(`visibilitychange`,e),()=>{clearInterval(t),document.removeEventListener(`visibilitychange`,e)}}var Sn=Symbol.for(`pv`),Cn=0;Array.isArray;function q(e,t,n,r,i,a){t||={};var s,c,l=t;if(`ref`in l&&typeof e!=`function`)for(c in l={},t)c==`ref`?s=t[c]:l[c]=t[c];var u={type:e,props:l,key:n,ref:s,__k:null,__:null,__b:0,__e:null,__c:null,constructor:Sn,__v:--Cn,__i:-1,__u:0};return(i||a)&&(u.__source=i,u.__self=a),o.vnode&&o.vnode(u),u}function J(e){let t=Me(),n=e.hint?`${t}-hint`:void 0;return q(`div`,{class:`field ${e.class??``}`,children:[q(`label`,{for:t,children:e.label}),e.children(t,n),e.hint?q(`div`,{class:`hint`,id:n,children:e.hint}):null]})}function wn(e){let t=e instanceof R&&e.code===`RATE_LIMITED`?e.retryAfter??0:0,[n,r]=I(t);return L(()=>{if(r(t),!t)return;let e=Date.now(),n=setInterval(()=>{let i=Math.max(0,t-Math.floor((Date.now()-e)/1e3));r(i),i===0&&clearInterval(n)},250);return()=>clearInterval(n)},[e,t]),n}function Y(e){if(!e.error)return null;let t=e.error instanceof R&&e.error.code===`RATE_LIMITED`,n=He(e.error);return t&&e.secondsLeft!==void 0&&(n=e.secondsLeft>0?`Too many attempts. Try again in ${e.secondsLeft} ${e.secondsLeft===1?`second`:`seconds`}.`:`You can try again now.`),q(`p`,{class:`message error`,role:`alert`,children:n})}function X(e){return q(`p`,{class:`message ${e.tone??`info`}`,role:`status`,children:e.children})}function Z(e){return q(`p`,{class:`loading`,role:`status`,"aria-live":`polite`,children:[q(`span`,{class:`spinner`,"aria-hidden":`true`}),e.label]})}var Tn=4,En=new Intl.DateTimeFormat(void 0,{dateStyle:`medium`,timeStyle:`short`}),Dn=class extends E{shouldComponentUpdate(e){let t=this.props;return e.image!==t.image||e.position!==t.position||e.total!==t.total}render(){let{image:e,position:t,total:n}=this.props,r=En.format(new Date(e.createdAt));return q(`li`,{"aria-posinset":t,"aria-setsize":n,children:q(`a`,{href:`/view/${e.id}`,onClick:G,class:`tile`,children:[q(`img`,{src:e.thumbnailUrl,alt:`Image ${e.width}×${e.height}, ${r}${e.starred?`, starred`:``}`,width:e.width,height:e.height,loading:`lazy`,decoding:`async`}),e.starred?q(`span`,{class:`star`,"aria-hidden":`true`,children:`★`}):null]})})}};function On(e,t){let n=getComputedStyle(e),r=parseFloat(n.columnGap)||0,i=parseFloat(n.getPropertyValue(`--tile-min`))||140,a=e.clientWidth,o=Math.max(1,Math.floor((a+r)/(i+r))),s=Math.max(1,(a-r*(o-1))/o),c=s+r,l=e.getBoundingClientRect().top,u=Math.ceil(t/o);return{cols:o,tile:s,gap:r,first:Math.max(0,Math.floor(-l/c)-Tn),last:Math.min(u,Math.ceil((window.innerHeight-l)/c)+Tn)}}var kn=(e,t)=>e.cols===t.cols&&e.tile===t.tile&&e.gap===t.gap&&e.first===t.first&&e.last===t.last;function An(e){let t=Ae(null),[n,r]=I({cols:6,tile:140,gap:8,first:0,last:6}),i=e.images.length;ke(()=>{let e=t.current;if(!e)return;let n=0,a=()=>{n=0;let t=On(e,i);r(e=>kn(e,t)?e:t)},o=()=>{n||=requestAnimationFrame(a)};a(),window.addEventListener(`scroll`,o,{passive:!0}),window.addEventListener(`resize`,o);let s=`ResizeObserver`in window?new ResizeObserver(o):null;return s?.observe(e),()=>{cancelAnimationFrame(n),window.removeEventListener(`scroll`,o),window.removeEventListener(`resize`,o),s?.disconnect()}},[i]);let{cols:a,tile:o,gap:s,first:c,last:l}=n,u=o+s,d=Math.ceil(i/a),f=e.images.slice(c*a,l*a);return q(`ul`,{ref:t,class:`grid`,"aria-label":`Images`,style:{gridTemplateColumns:`repeat(${a}, minmax(0, 1fr))`,gridAutoRows:`${o}px`,paddingTop:`${c*u}px`,height:`${Math.max(0,d*u-s)}px`,boxSizing:`border-box`},children:f.map((e,t)=>q(Dn,{image:e,position:c*a+t+1,total:i},e.id))})}var jn=V(`
  query BoardShares($id: ID!) {
    board(id: $id) {
      id myAccess
      owner { id displayName }
      shares { access user { id displayName email } }
    }
  }
`),Mn=V(`
  mutation ShareBoard($boardId: ID!, $userId: ID!, $access: BoardAccess!) {
    shareBoard(boardId: $boardId, userId: $userId, access: $access) {
      id myAccess
      owner { id displayName }
      shares { access user { id displayName email } }
    }
  }
`),Nn=V(`
  mutation UnshareBoard($boardId: ID!, $userId: ID!) {
    unshareBoard(boardId: $boardId, userId: $userId) {
      id myAccess
      owner { id displayName }
      shares { access user { id displayName email } }
    }
  }
`),Pn=V(`
  query ShareDirectory {
    users { id displayName email isActive }
  }
`),Fn=[`READ`,`WRITE`,`ADMIN`],In={READ:`can see the board and its images`,WRITE:`can also star, delete and add images`,ADMIN:`can also rename, archive and share the board`},Ln=/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;async function Rn(e,t){let n=e.trim();if(Ln.test(n))return n;if(!n.includes(`@`))throw new R(`BAD_USER_INPUT`,`Enter the person's user ID (they find it in their gallery) or, as an admin, their email.`);if(!t)throw new R(`BAD_USER_INPUT`,`Only admins can look people up by email. Ask them for their user ID: it is shown in their gallery.`);let{users:r}=await z(Pn),i=r.find(e=>e.email.toLowerCase()===n.toLowerCase());if(!i)throw new R(`BAD_USER_INPUT`,`No user has the email ${n}.`);return i.id}function zn(e){let{share:t}=e,[n,r]=I(null),i=t.user.email?`${t.user.displayName} (${t.user.email})`:t.user.displayName,a=async t=>{r(null);try{e.onChanged(await t())}catch(e){r(e)}};return q(`li`,{"aria-label":`${t.user.displayName}: ${t.access}`,class:`share-row`,children:[q(`span`,{class:`share-who`,children:i}),q(J,{label:`Access`,class:`share-access`,children:n=>q(`select`,{id:n,value:t.access,onChange:n=>{let r=n.currentTarget.value;a(async()=>(await z(Mn,{boardId:e.boardId,userId:t.user.id,access:r})).shareBoard)},children:Fn.map(e=>q(`option`,{value:e,children:e},e))})}),q(`button`,{type:`button`,class:`destructive`,onClick:()=>void a(async()=>(await z(Nn,{boardId:e.boardId,userId:t.user.id})).unshareBoard),children:`Remove share`}),q(Y,{error:n})]})}function Bn(e){let[t,n]=I(null),[r,i]=I(``),[a,o]=I(`READ`),[s,c]=I(null),[l,u]=I(null),[d,f]=I(!1);L(()=>{n(null),c(null),u(null),z(jn,{id:e.boardId}).then(e=>n(e.board??null),c)},[e.boardId]);let p=e=>{n(e),u(null)},m=`people-${e.boardId}`;return q(`section`,{class:`board-shares`,"aria-labelledby":`shares-${e.boardId}`,children:[q(`h2`,{id:`shares-${e.boardId}`,children:`Sharing`}),t&&t.shares.length===0?q(`p`,{class:`muted`,children:`Not shared with anyone.`}):null,t&&t.shares.length>0?q(`ul`,{class:`shares`,"aria-label":`People ${e.boardName} is shared with`,children:t.shares.map(t=>q(zn,{boardId:e.boardId,share:t,onChanged:p},t.user.id))}):null,q(`form`,{class:`share-form`,"aria-label":`Share this board`,onSubmit:async t=>{if(t.preventDefault(),r.trim()&&!d){f(!0),c(null),u(null);try{let t=await Rn(r,e.isAdmin),{shareBoard:o}=await z(Mn,{boardId:e.boardId,userId:t,access:a});n(o);let s=o.shares.find(e=>e.user.id===t)?.user.displayName??`them`;u(`Shared with ${s} (${a}).`),i(``)}catch(e){c(e)}finally{f(!1)}}},children:[q(J,{label:`Share with`,hint:e.isAdmin?`Their email address or user ID.`:`Their user ID: they find it in their gallery, under Shared with me.`,children:(e,t)=>q(`input`,{id:e,type:`text`,list:m,autocomplete:`off`,"aria-describedby":t,value:r,onInput:e=>i(e.currentTarget.value)})}),q(`datalist`,{id:m,children:e.people.map(e=>q(`option`,{value:e.id,label:e.displayName},e.id))}),q(J,{label:`Access`,hint:In[a],children:(e,t)=>q(`select`,{id:e,"aria-describedby":t,value:a,onChange:e=>o(e.currentTarget.value),children:Fn.map(e=>q(`option`,{value:e,children:e},e))})}),q(`button`,{type:`submit`,disabled:!r.trim()||d,children:`Share`})]}),q(Y,{error:s}),l?q(X,{tone:`ok`,children:l}):null]})}function Vn(e){let[t,n]=I(``),[r,i]=I(null),[a,o]=I(!1);return q(`form`,{class:`new-board`,onSubmit:async r=>{if(r.preventDefault(),t.trim()&&!a){o(!0),i(null);try{let{createBoard:r}=await z(gt,{name:t.trim()});n(``),e.onCreated(r)}catch(e){i(e)}finally{o(!1)}}},children:[q(J,{label:`New board name`,children:e=>q(`input`,{id:e,type:`text`,maxLength:200,value:t,onInput:e=>n(e.currentTarget.value)})}),q(`button`,{type:`submit`,disabled:!t.trim()||a,children:`Create board`}),q(Y,{error:r})]})}function Hn(e){let{board:t}=e,[n,r]=I(null),i=!t.isPublic&&e.viewerId!==null;return q(`div`,{class:`access-note`,children:[t.myAccess===`READ`?q(X,{children:[q(`strong`,{children:`Read only`}),`: `,t.owner.displayName,` shared this board with you to look at. You cannot rename it or change its images.`]}):q(X,{children:[q(`strong`,{children:`You can add images`}),` to `,t.owner.displayName,`'s board and star or delete images in it.`]}),i?q(`button`,{type:`button`,onClick:async()=>{r(null);try{await z(Nn,{boardId:t.id,userId:e.viewerId??``}),e.onLeft(),W(`/gallery`)}catch(e){r(e)}},children:`Leave this board`}):null,q(Y,{error:n})]})}function Un(e){let{board:t}=e,[n,r]=I(t.name),[i,a]=I(null),[o,s]=I(!1);if(L(()=>{r(t.name),s(!1),a(null)},[t.id,t.name]),t.myAccess!==`OWNER`&&t.myAccess!==`ADMIN`)return q(Hn,{board:t,viewerId:e.viewer?.id??null,onLeft:()=>e.onChanged(null)});let c=async n=>{a(null);try{let{updateBoard:r}=await z(_t,{id:t.id,...n});e.onChanged(r),r.archived&&W(`/gallery`)}catch(e){a(e)}};return q(T,{children:[q(`section`,{class:`board-settings`,"aria-label":`Board settings`,children:[q(`form`,{class:`inline-form`,onSubmit:e=>{e.preventDefault(),n.trim()&&n.trim()!==t.name&&c({name:n.trim()})},children:[q(J,{label:`Board name`,children:e=>q(`input`,{id:e,type:`text`,maxLength:200,value:n,onInput:e=>r(e.currentTarget.value)})}),q(`button`,{type:`submit`,disabled:!n.trim()||n.trim()===t.name,children:`Rename`})]}),q(`div`,{class:`check`,children:[q(`input`,{id:`public-${t.id}`,type:`checkbox`,checked:t.isPublic,onChange:e=>void c({isPublic:e.currentTarget.checked})}),q(`label`,{for:`public-${t.id}`,children:`Public (every signed-in user can see it)`})]}),q(`div`,{class:`actions`,children:[q(`button`,{type:`button`,onClick:()=>void c({archived:!0}),children:`Archive board`}),o?q(T,{children:[q(`button`,{type:`button`,class:`destructive`,onClick:async()=>{try{await z(vt,{id:t.id}),e.onChanged(null),W(`/gallery`)}catch(e){a(e)}},children:`Yes, delete the board`}),q(`button`,{type:`button`,onClick:()=>s(!1),children:`Keep it`})]}):q(`button`,{type:`button`,class:`destructive`,onClick:()=>s(!0),children:`Delete board`})]}),q(`p`,{class:`hint`,children:`Deleting a board keeps its images: they go back to Uncategorized.`}),q(Y,{error:i})]}),q(Bn,{boardId:t.id,boardName:t.name,isAdmin:e.viewer?.isAdmin??!1,people:e.people})]})}var Wn=V(`
  mutation UploadImage($file: Upload!, $boardId: ID) {
    uploadImage(file: $file, boardId: $boardId) {
      id width height starred createdAt queueItemId url thumbnailUrl
      owner { id displayName }
      board { id name }
    }
  }
`),Gn=[`image/png`,`image/jpeg`,`image/webp`];async function Kn(e,n){let r=new FormData;r.append(`operations`,JSON.stringify({query:Wn.toString(),variables:{file:null,boardId:n}})),r.append(`map`,JSON.stringify({0:[`variables.file`]})),r.append(`0`,e,e.name);let i={"GraphQL-Preflight":`1`,Accept:`application/json`,...Ke()},a;try{a=await fetch(t(),{method:`POST`,headers:i,body:r})}catch{throw new R(`NETWORK`,`network error`)}if(a.status===413)throw new R(`BAD_USER_INPUT`,`${e.name} is too large to upload.`);let o;try{o=await a.json()}catch{throw new R(a.status>=500?`INTERNAL`:`NETWORK`,`HTTP ${a.status}`)}let s=o.errors?.[0];if(s){let e=R.from(s);throw e.code===`UNAUTHENTICATED`&&`Authorization`in i&&Ge(e.message),e}if(!o.data)throw new R(`INTERNAL`,`empty response`);return o.data.uploadImage}async function qn(e,t){let n=await Kn(new File([e],t,{type:`image/png`}),null);return{id:n.id,url:n.url}}function Jn(e){let[t,n]=I(null),[r,i]=I(null),[a,o]=I(!1),s=async t=>{i(null);for(let r of t)if(!Gn.includes(r.type))i(new R(`BAD_USER_INPUT`,`${r.name} is not a PNG, JPEG or WebP image`));else{n(`Uploading ${r.name}…`);try{e.onUploaded(await Kn(r,e.boardId))}catch(e){i(e)}}n(null)};return q(`section`,{class:`card gallery${a?` drop-target`:``}`,"aria-labelledby":`gallery-title`,onDragOver:e=>{e.dataTransfer?.types.includes(`Files`)&&(e.preventDefault(),o(!0))},onDragLeave:()=>o(!1),onDrop:e=>{let t=[...e.dataTransfer?.files??[]];t.length!==0&&(e.preventDefault(),o(!1),s(t))},children:[e.head,q(`div`,{class:`upload-row`,children:[q(`label`,{class:`button`,children:[`Upload image`,q(`input`,{type:`file`,class:`sr-only`,accept:Gn.join(`,`),multiple:!0,disabled:t!==null,onChange:e=>{let t=e.currentTarget,n=[...t.files??[]];t.value=``,s(n)}})]}),q(`span`,{class:`hint`,children:`or drop PNG, JPEG or WebP files on the gallery`}),t?q(`span`,{role:`status`,class:`muted`,children:t}):null]}),q(Y,{error:r}),e.children]})}function Yn(e){let t=e.replace(/^\/gallery\/?/,``);return t?t===`uncategorized`?{kind:`uncategorized`}:{kind:`board`,id:decodeURIComponent(t.split(`/`)[0]??``)}:{kind:`all`}}function Xn(e,t){return{boardId:e.kind===`board`?e.id:null,uncategorized:e.kind===`uncategorized`,after:t}}var Zn=[`My boards`,`Shared with me`,`Public`,`Everyone else's`];function Qn(e){return e.myAccess===`OWNER`?`My boards`:e.myAccess===`ADMIN`&&!e.isPublic?`Everyone else's`:e.isPublic&&e.myAccess===`READ`?`Public`:`Shared with me`}function $n(e){let t=new Map(Zn.map(e=>[e,[]]));for(let n of e.boards)n.archived||t.get(Qn(n))?.push(n);let n=(e,t,n,r)=>q(`li`,{children:q(`a`,{href:e,onClick:G,class:`board-link`,"aria-current":n?`page`:void 0,children:[r?.coverImage?q(`img`,{src:r.coverImage.thumbnailUrl,alt:``,width:40,height:40,loading:`lazy`,decoding:`async`}):q(`span`,{class:`cover-empty`,"aria-hidden":`true`}),q(`span`,{class:`board-name`,children:t}),r?q(`span`,{class:`count`,"aria-label":`${r.imageCount} images`,children:r.imageCount}):null,r&&r.myAccess!==`OWNER`?q(`span`,{class:`owner`,children:r.owner.displayName}):null]})},e);return q(`nav`,{class:`card boards`,"aria-label":`Boards`,children:[q(`ul`,{children:[n(`/gallery`,`All images`,e.sel.kind===`all`),n(`/gallery/uncategorized`,`Uncategorized`,e.sel.kind===`uncategorized`)]}),[...t].map(([t,r])=>r.length===0&&t!==`Shared with me`?null:q(`div`,{role:`group`,"aria-label":t,children:[q(`h3`,{children:t}),r.length>0?q(`ul`,{children:r.map(t=>n(`/gallery/${encodeURIComponent(t.id)}`,t.name,e.sel.kind===`board`&&e.sel.id===t.id,t))}):q(`p`,{class:`hint`,children:`Nothing shared with you yet.`}),t===`Shared with me`&&e.viewerId?q(`p`,{class:`hint user-id`,children:[`To have a board shared with you, give its owner your user ID: `,q(`code`,{children:e.viewerId})]}):null]},t)),q(Vn,{onCreated:e.onCreated})]})}function er(e,t,n){return t.kind===`all`?!0:t.kind===`uncategorized`?!e.board&&e.owner.id===n:e.board?.id===t.id}function tr(e,t){let n=new Map;for(let r of e)r.owner.id!==t&&n.set(r.owner.id,r.owner.displayName);return[...n].map(([e,t])=>({id:e,displayName:t}))}function nr(){let{path:e}=dn(),t=Yn(e),n=JSON.stringify(t),r=H(K),i=r.kind===`app`?r.viewer:null,a=i?.id??null,[o,s]=I(null),[c,l]=I([]),[u,d]=I(0),[f,p]=I(null),[m,h]=I(!0),[g,_]=I(null),v=Ae(null),y=Ae(0);L(()=>{let e=++y.current;h(!0),_(null),l([]),z(o?dt:ut,Xn(t,null)).then(t=>{e===y.current&&(t.boards&&s(t.boards),l(t.images.edges.map(e=>e.node)),d(t.images.totalCount),p(t.images.pageInfo.hasNextPage?t.images.pageInfo.endCursor??null:null),h(!1))},t=>{e===y.current&&(_(t),h(!1))})},[n]),L(()=>an(e=>{er(e,t,a)&&b(e)}),[n,a]);function b(e){l(t=>t.some(t=>t.id===e.id)?t:(d(e=>e+1),[e,...t]))}let x=async()=>{if(!f||m)return;let e=y.current;h(!0);try{let n=await z(dt,Xn(t,f));if(e!==y.current)return;l(e=>{let t=new Set(e.map(e=>e.id));return[...e,...n.images.edges.map(e=>e.node).filter(e=>!t.has(e.id))]}),p(n.images.pageInfo.hasNextPage?n.images.pageInfo.endCursor??null:null)}catch(e){_(e)}finally{e===y.current&&h(!1)}};L(()=>{let e=v.current;if(!e||!f||!(`IntersectionObserver`in window))return;let t=new IntersectionObserver(e=>e.some(e=>e.isIntersecting)&&void x(),{rootMargin:`800px`});return t.observe(e),()=>t.disconnect()},[f,m,n]);let S=t.kind===`board`?o?.find(e=>e.id===t.id):void 0,C=t.kind===`all`?`All images`:t.kind===`uncategorized`?`Uncategorized`:S?.name??`Board`,w=t.kind!==`board`||S!==void 0&&S.myAccess!==`READ`;return q(`div`,{class:`gallery-layout`,children:[o?q($n,{boards:o,sel:t,viewerId:a,onCreated:e=>{s(t=>[e,...t??[]]),W(`/gallery/${encodeURIComponent(e.id)}`)}}):q(`div`,{class:`card boards`}),q(rr,{enabled:w,boardId:t.kind===`board`?t.id:null,onUploaded:e=>{er(e,t,a)&&b(e)},head:q(`div`,{class:`section-head`,children:[q(`h1`,{id:`gallery-title`,children:C}),S&&S.myAccess!==`OWNER`?q(`span`,{class:`muted`,children:[`by `,S.owner.displayName]}):null,q(`span`,{class:`muted`,children:u===1?`1 image`:`${u} images`})]}),children:[S?q(Un,{board:S,viewer:i,people:tr(o??[],a),onChanged:e=>s(t=>(t??[]).flatMap(t=>t.id===S.id?e&&!e.archived?[e]:[]:[t]))}):null,q(Y,{error:g}),c.length===0&&!m&&!g?q(`p`,{class:`muted`,children:`No images here yet.`}):null,q(An,{images:c}),q(`div`,{ref:v}),m?q(Z,{label:`Loading images…`}):null,f&&!m?q(`button`,{type:`button`,onClick:x,children:`Load more images`}):null]})]})}function rr(e){return e.enabled?q(Jn,{boardId:e.boardId,onUploaded:e.onUploaded,head:e.head,children:e.children}):q(`section`,{class:`card gallery`,"aria-labelledby":`gallery-title`,children:[e.head,e.children]})}var ir=`gql-invoke.generate-form`,ar={prompt:``,negativePrompt:``,model:``,width:``,height:``,steps:``,cfgScale:``,scheduler:``,seed:``,runs:`1`,boardId:``,initImageId:``,initImageUrl:``,strength:`0.75`,maskImageId:``,loras:[],vae:``};function or(){try{let e=JSON.parse(localStorage.getItem(ir)??`null`);if(e&&typeof e==`object`)return{...ar,...e}}catch{}return{...ar}}var Q=Rt(or());Q.subscribe(e=>{try{localStorage.setItem(ir,JSON.stringify(e))}catch{}}),hn(()=>Q.set({...ar}));var sr=[`EULER`,`EULER_A`,`DDIM`,`DPMPP_2M`,`LMS`,`PNDM`];function cr(e,t){let n=e&&typeof e==`object`?e:{},r=e=>e==null?``:String(e),i=sr.includes(n.scheduler)?n.scheduler:``;Q.set(e=>({...e,prompt:r(n.prompt),negativePrompt:r(n.negativePrompt),model:r(n.model),width:r(n.width),height:r(n.height),steps:r(n.steps),cfgScale:r(n.cfgScale),scheduler:i,seed:r(n.seed),runs:`1`,boardId:t??``,initImageId:r(n.initImageId),initImageUrl:``,strength:n.strength===void 0||n.strength===null?`0.75`:String(n.strength),maskImageId:r(n.maskImageId),loras:Array.isArray(n.loras)?n.loras.map(e=>({model:r(e.model),weight:r(e.weight??1)})):[],vae:r(n.vae)}))}function lr(e,t){Q.set(n=>({...n,initImageId:e,initImageUrl:t,maskImageId:``,width:``,height:``}))}function ur(e){let t=[];for(let n of e.loras){let e=n.weight.trim()===``?1:Number(n.weight);if(!Number.isFinite(e)||e<-2||e>2)return`LoRA weights must be from -2 to 2.`;t.push({model:n.model,weight:e})}if(t.length>5)return`At most 5 LoRAs.`;if(!e.initImageId)return{loras:t,vae:e.vae||null};let n=e.strength.trim()===``?.75:Number(e.strength);return!Number.isFinite(n)||n<0||n>1?`Strength must be from 0 to 1.`:{initImageId:e.initImageId,strength:n,maskImageId:e.maskImageId||null,loras:t,vae:e.vae||null}}function dr(e,t){return!t||e.base===`ANY`||e.base===t||e.type===`VAE`&&e.base===`SD1`&&t===`SD2`}function fr(e){let t=H(Q),n=e.models.filter(t=>t.type===`LORA`&&dr(t,e.base)),r=e.models.filter(t=>t.type===`VAE`&&dr(t,e.base)),i=n.filter(e=>!t.loras.some(t=>t.model===e.key)),[a,o]=I(``),s=t=>e.models.find(e=>e.key===t)?.name??t,c=e=>Q.set(t=>({...t,loras:e}));return n.length===0&&r.length===0&&t.loras.length===0&&!t.vae?null:q(`fieldset`,{class:`extra-models`,children:[q(`legend`,{children:`LoRAs and VAE`}),t.loras.map((e,n)=>q(`div`,{class:`row lora-row`,children:[q(J,{label:`LoRA weight: ${s(e.model)}`,hint:`-2 to 2`,children:(r,i)=>q(`input`,{id:r,type:`number`,min:-2,max:2,step:.05,inputMode:`decimal`,"aria-describedby":i,value:e.weight,onInput:e=>c(t.loras.map((t,r)=>r===n?{...t,weight:e.currentTarget.value}:t))})}),q(`button`,{type:`button`,"aria-label":`Remove LoRA ${s(e.model)}`,onClick:()=>c(t.loras.filter((e,t)=>t!==n)),children:`Remove`})]},e.model)),n.length>0&&t.loras.length<5?q(`div`,{class:`row`,children:[q(J,{label:`LoRA`,children:e=>q(`select`,{id:e,value:a,onChange:e=>o(e.currentTarget.value),children:[q(`option`,{value:``,children:`Choose a LoRA…`}),i.map(e=>q(`option`,{value:e.key,children:[e.name,` (`,e.base,`)`]},e.key))]})}),q(`button`,{type:`button`,disabled:!a,onClick:()=>{c([...t.loras,{model:a,weight:`1`}]),o(``)},children:`Add LoRA`})]}):null,q(J,{label:`VAE`,children:e=>q(`select`,{id:e,value:t.vae,onChange:e=>Q.set(t=>({...t,vae:e.currentTarget.value})),children:[q(`option`,{value:``,children:`The model's own VAE`}),r.map(e=>q(`option`,{value:e.key,children:[e.name,` (`,e.base,`)`]},e.key))]})})]})}function pr(){let e=H(Q),[t,n]=I(!1);if(!e.initImageId)return null;let r=e=>Q.set(t=>({...t,...e}));return q(`fieldset`,{class:`init-image`,children:[q(`legend`,{children:`Init image`}),e.initImageUrl&&!t?q(`img`,{class:`init-preview`,src:e.initImageUrl,alt:`The init image`}):null,e.initImageUrl?null:q(`p`,{class:`hint`,children:[`Image `,e.initImageId]}),q(J,{label:`Strength: ${e.strength||`0.75`}`,hint:`0 keeps the init image, 1 redraws all of it.`,children:(t,n)=>q(`input`,{id:t,type:`range`,min:0,max:1,step:.05,"aria-describedby":n,value:e.strength||`0.75`,onInput:e=>r({strength:e.currentTarget.value})})}),e.maskImageId?q(X,{tone:`ok`,children:`A mask is set: only its white part is repainted.`}):null,q(`div`,{class:`row`,children:[e.initImageUrl?q(`button`,{type:`button`,"aria-pressed":t,onClick:()=>n(!t),children:t?`Close the mask brush`:`Paint mask`}):null,e.maskImageId?q(`button`,{type:`button`,onClick:()=>r({maskImageId:``}),children:`Remove mask`}):null,q(`button`,{type:`button`,onClick:()=>r({initImageId:``,initImageUrl:``,maskImageId:``}),children:`Remove init image`})]}),t?q(mr,{url:e.initImageUrl,onDone:()=>n(!1)}):null]})}function mr(e){let t=Ae(null),[n,r]=I(null),[i,a]=I(`16`),[o,s]=I(null),[c,l]=I(!1),u=Ae(!1);function d(e){let n=t.current;if(!n||!u.current)return;let r=n.getBoundingClientRect(),a=(e.clientX-r.left)*n.width/r.width,o=(e.clientY-r.top)*n.height/r.height,s=n.getContext(`2d`);s&&(s.fillStyle=`#ffffff`,s.beginPath(),s.arc(a,o,Number(i)*n.width/Math.max(r.width,1),0,2*Math.PI),s.fill())}async function f(){let n=t.current;if(!n)return;let r=document.createElement(`canvas`);r.width=n.width,r.height=n.height;let i=r.getContext(`2d`);if(i){i.fillStyle=`#000000`,i.fillRect(0,0,r.width,r.height),i.drawImage(n,0,0),l(!0),s(null);try{let t=await qn(await new Promise((e,t)=>r.toBlob(n=>n?e(n):t(Error(`no PNG`)),`image/png`)),`mask.png`);Q.set(e=>({...e,maskImageId:t.id})),e.onDone()}catch(e){s(e)}finally{l(!1)}}}return q(`div`,{class:`mask-painter`,children:[q(`p`,{class:`hint`,id:`mask-help`,children:`Paint over the parts to repaint (shown in white); the rest is kept.`}),q(`div`,{class:`mask-stack`,children:[q(`img`,{src:e.url,alt:`The init image under the mask`,onLoad:e=>r([e.currentTarget.naturalWidth,e.currentTarget.naturalHeight])}),n?q(`canvas`,{ref:t,width:n[0],height:n[1],role:`img`,"aria-label":`Mask canvas: paint with the pointer`,"aria-describedby":`mask-help`,onPointerDown:e=>{u.current=!0,e.currentTarget.setPointerCapture(e.pointerId),d(e)},onPointerMove:d,onPointerUp:()=>u.current=!1}):null]}),q(`div`,{class:`row`,children:[q(J,{label:`Brush size`,children:e=>q(`input`,{id:e,type:`range`,min:2,max:64,step:1,value:i,onInput:e=>a(e.currentTarget.value)})}),q(`button`,{type:`button`,onClick:()=>t.current?.getContext(`2d`)?.clearRect(0,0,t.current.width,t.current.height),children:`Clear mask`}),q(`button`,{type:`button`,class:`primary`,disabled:c,onClick:f,children:c?`Saving the mask…`:`Use this mask`})]}),q(Y,{error:o})]})}var hr={IN_PROGRESS:0,PENDING:1,FAILED:2,CANCELED:2,COMPLETED:2},gr={IN_PROGRESS:`Generating`,PENDING:`Waiting`,COMPLETED:`Done`,FAILED:`Failed`,CANCELED:`Canceled`};function _r(e){return[...e].sort((e,t)=>hr[e.status]-hr[t.status]||(e.status===`PENDING`?(e.position??0)-(t.position??0):e.status===`IN_PROGRESS`?e.createdAt.localeCompare(t.createdAt):(t.completedAt??t.createdAt).localeCompare(e.completedAt??e.createdAt)))}function vr(e){return e<1?`now`:e<90?`about ${Math.round(e)} s`:e<5400?`about ${Math.round(e/60)} min`:`about ${Math.round(e/3600)} h`}function yr(e){let[t,n]=I(Date.now());return L(()=>{let t=setInterval(()=>n(Date.now()),e);return()=>clearInterval(t)},[e]),t}function br(e,t,n){if(e.status===`PENDING`){if(!e.estimatedStartAt)return null;let t=(Date.parse(e.estimatedStartAt)-n)/1e3;return t<=1?`Starts any moment`:`Starts in ${vr(t)}`}return e.status===`IN_PROGRESS`&&t&&t.step>t.firstStep?`Done in ${vr((t.receivedAt-t.firstAt)/(t.step-t.firstStep)/1e3*(t.totalSteps-t.step))}`:null}function xr(e){let{item:t,progress:n}=e,r=t.ownerName&&t.ownerName!==`<hidden>`?t.ownerName:null,i=t.params?.prompt??(r?`${r}'s generation`:`Someone else's generation`),a=t.status===`PENDING`||t.status===`IN_PROGRESS`,o=async t=>{try{await t()}catch(t){e.onError(He(t))}},s=br(t,n,e.now);return q(`li`,{class:`queue-item ${t.isMine?`mine`:`theirs`} status-${t.status.toLowerCase()}`,"aria-label":`${gr[t.status]}: ${i}`,children:[q(`div`,{class:`queue-main`,children:[q(`div`,{class:`queue-title`,children:i}),q(`div`,{class:`queue-meta`,children:[q(`span`,{class:`status`,children:gr[t.status]}),t.status===`PENDING`&&t.position!==null&&t.position!==void 0?q(`span`,{children:[`#`,t.position+1,` in line`]}):null,s?q(`span`,{children:s}):null,!t.isMine&&r&&t.params?q(`span`,{children:r}):null,t.params?q(`span`,{children:[t.params.width,`×`,t.params.height,`, `,t.params.steps,` steps, seed `,t.params.seed]}):null]}),t.status===`IN_PROGRESS`?q(`div`,{class:`progress-row`,children:[q(`progress`,{max:100,value:n?.percentage??0,"aria-label":`Progress of ${i}`}),q(`span`,{class:`step`,children:n?`Step ${n.step} of ${n.totalSteps}`:`Starting…`})]}):null,t.error?q(`p`,{class:`message error small`,children:t.error}):null]}),t.status===`IN_PROGRESS`&&n?.preview?q(`img`,{class:`preview`,src:n.preview,alt:`Live preview of ${i}`,width:64,height:64}):null,e.canManage?q(`div`,{class:`queue-actions`,children:[a?q(`button`,{type:`button`,onClick:()=>o(()=>z(st,{id:t.id})),children:`Cancel`}):null,t.status===`FAILED`||t.status===`CANCELED`?q(`button`,{type:`button`,onClick:()=>o(async()=>{let{retryQueueItems:e}=await z(ct,{ids:[t.id]});Qt(e)}),children:`Retry`}):null]}):null]})}function Sr(){let{status:e}=H(Bt);return e?q(`span`,{class:`badge`,title:`Your pending generations / everyone's`,"aria-label":`Pending: ${e.myPending} mine of ${e.pending} in all`,children:[e.myPending,`/`,e.pending]}):null}function Cr(e){let t=H(Bt),n=H(K),r=n.kind===`app`&&n.viewer.isAdmin,i=yr(1e3),[a,o]=I(null),s=_r(t.items.values()),c=t.status?.myPending??0;async function l(){o(null);try{let e=0;if(r){let t=s.filter(e=>e.isMine&&e.status===`PENDING`);for(let e of t)await z(st,{id:e.id});e=t.length}else e=(await z(lt)).clearQueue;o(`Removed ${e} pending ${e===1?`item`:`items`}.`),ln()}catch(e){o(He(e))}}return q(`section`,{class:`card queue`,"aria-labelledby":`queue-title`,children:[q(`div`,{class:`section-head`,children:[e.standalone?q(`h1`,{id:`queue-title`,children:[`Queue `,q(Sr,{})]}):q(`h2`,{id:`queue-title`,children:[`Queue `,q(Sr,{})]}),q(`button`,{type:`button`,onClick:l,disabled:c===0,children:`Clear my pending`})]}),t.status?.paused?q(X,{tone:`warn`,children:`The queue is paused by an administrator.`}):null,t.connection===`offline`?q(X,{tone:`warn`,children:`Connection lost. Reconnecting…`}):null,t.notice&&t.connection===`online`?q(X,{tone:`ok`,children:t.notice}):null,t.error?q(X,{tone:`warn`,children:t.error}):null,a?q(X,{children:a}):null,s.length===0?q(`p`,{class:`muted`,children:`Nothing in the queue.`}):q(`ul`,{class:`queue-list`,"aria-label":`Queue items`,children:s.map(e=>q(xr,{item:e,progress:t.progress.get(e.id),now:i,canManage:e.isMine||r,onError:o},e.id))})]})}function wr(){let{recentImages:e}=H(Bt);return e.length===0?null:q(`section`,{class:`card`,"aria-labelledby":`recent-title`,children:[q(`h2`,{id:`recent-title`,children:`New images`}),q(`ul`,{class:`thumb-strip`,children:e.map(e=>q(`li`,{children:q(`a`,{href:`/view/${e.id}`,onClick:G,"aria-label":`Open image ${e.width}×${e.height} from ${new Date(e.createdAt).toLocaleTimeString()}`,children:q(`img`,{src:e.thumbnailUrl,alt:``,width:96,height:96,loading:`lazy`,decoding:`async`})})},e.id))})]})}var Tr=0x7fffffff;function Er(e){return e?.defaults&&typeof e.defaults==`object`?e.defaults:{}}function Dr(e){let t=Er(e),n=[];return t.width&&t.height&&n.push(`${t.width}×${t.height}`),t.steps&&n.push(`${t.steps} steps`),t.cfgScale!==void 0&&n.push(`CFG ${t.cfgScale}`),t.scheduler&&n.push(t.scheduler),n.join(`, `)}function Or(e,t){let n=Er(t),r=e=>e==null?``:String(e);return{...e,width:r(n.width),height:r(n.height),steps:r(n.steps),cfgScale:r(n.cfgScale),scheduler:n.scheduler&&sr.includes(n.scheduler)?n.scheduler:``}}function kr(e){if(!e.prompt.trim())return`Write a prompt first.`;let t=e=>e.trim()===``?null:Number(e),n=t(e.width),r=t(e.height);for(let[e,t]of[[`Width`,n],[`Height`,r]])if(t!==null&&(!Number.isInteger(t)||t<64||t>2048||t%8!=0))return`${e} must be a multiple of 8 from 64 to 2048.`;let i=t(e.steps);if(i!==null&&(!Number.isInteger(i)||i<1||i>150))return`Steps must be a whole number from 1 to 150.`;let a=t(e.cfgScale);if(a!==null&&(!Number.isFinite(a)||a<0||a>30))return`CFG scale must be from 0 to 30.`;let o=t(e.seed);if(o!==null&&(!Number.isInteger(o)||o<0||o>Tr))return`Seed must be a whole number from 0 to ${Tr}.`;let s=t(e.runs)??1;if(!Number.isInteger(s)||s<1||s>100)return`Runs must be a whole number from 1 to 100.`;let c=ur(e);return typeof c==`string`?c:{runs:s,input:{prompt:e.prompt,negativePrompt:e.negativePrompt,model:e.model||null,width:n,height:r,steps:i,cfgScale:a,scheduler:e.scheduler||null,seed:o,boardId:e.boardId||null,...c}}}function Ar(e,t){let n=(e,t)=>t.trim()?t.includes(`{prompt}`)?t.split(`{prompt}`).join(e):e.trim()?`${e.trim()}, ${t}`:t:e;return{...e,prompt:n(e.prompt,t.positivePrompt),negativePrompt:n(e.negativePrompt,t.negativePrompt)}}function jr(){let e=H(Q),[t,n]=I(null),[r,i]=I(null),[a,o]=I(null),[s,c]=I(null),[l,u]=I(null),[d,f]=I(!1),p=e=>Q.set(t=>({...t,...e}));L(()=>{z(tt).then(n,i)},[]);let m=je(()=>(t?.models??[]).filter(e=>e.type===`MAIN`),[t]),h=m.find(t=>t.key===e.model)??m.find(e=>e.isDefault),g=(t?.boards??[]).filter(e=>!e.archived&&e.myAccess!==`READ`);L(()=>{if(!t)return;let e=Q.get();e.model&&!m.some(t=>t.key===e.model)?Q.set(Or({...e,model:``},h)):!e.width&&!e.steps&&Q.set(Or(e,h)),e.boardId&&!g.some(t=>t.id===e.boardId)&&Q.set(e=>({...e,boardId:``}))},[t]);async function _(e){e.preventDefault(),o(null),u(null);let t=kr(Q.get());if(typeof t==`string`)c(t);else{c(null),f(!0);try{let{enqueue:e}=await z(nt,{input:{generation:t.input,runs:t.runs}});Qt(e.items);let n=e.items.length;u(`Queued ${n} ${n===1?`image`:`images`}.`)}catch(e){o(e)}finally{f(!1)}}}let v=(t,n,r,i)=>q(J,{label:t,hint:i,children:(t,i)=>q(`input`,{id:t,type:`number`,inputMode:`numeric`,"aria-describedby":i,value:e[n],onInput:e=>p({[n]:e.currentTarget.value}),...r})});return q(`div`,{class:`generate-layout`,children:[q(`section`,{class:`card`,"aria-labelledby":`generate-title`,children:[q(`h1`,{id:`generate-title`,children:`Generate`}),r?q(Y,{error:r}):null,q(`form`,{onSubmit:_,class:`generate-form`,noValidate:!0,children:[q(J,{label:`Prompt`,children:t=>q(`textarea`,{id:t,rows:3,required:!0,value:e.prompt,onInput:e=>p({prompt:e.currentTarget.value})})}),q(J,{label:`Negative prompt`,children:t=>q(`textarea`,{id:t,rows:2,value:e.negativePrompt,onInput:e=>p({negativePrompt:e.currentTarget.value})})}),t&&t.stylePresets.length>0?q(`fieldset`,{class:`presets`,children:[q(`legend`,{children:`Style presets`}),t.stylePresets.map(e=>q(`button`,{type:`button`,class:`chip`,"aria-label":`Apply style preset ${e.name}`,title:[e.positivePrompt,e.negativePrompt&&`Negative: ${e.negativePrompt}`].filter(Boolean).join(`
`),onClick:()=>Q.set(t=>Ar(t,e)),children:e.name},e.id))]}):null,q(J,{label:`Model`,hint:h?`Defaults: ${Dr(h)||`none`}${h.description?` · ${h.description}`:``}`:void 0,children:(n,r)=>q(`select`,{id:n,"aria-describedby":r,value:e.model||h?.key||``,disabled:!t,onChange:e=>{let t=e.currentTarget.value,n=m.find(e=>e.key===t)??m.find(e=>e.isDefault);Q.set(e=>Or({...e,model:t},n))},children:[t?null:q(`option`,{value:``,children:`Loading models…`}),m.map(e=>q(`option`,{value:e.key,children:[e.name,e.isDefault?` (default)`:``,` — `,Dr(e)]},e.key))]})}),q(fr,{models:t?.models??[],base:h?.base}),q(pr,{}),q(`div`,{class:`row`,children:[v(`Width`,`width`,{min:64,max:2048,step:8},e.initImageId?`Empty: the init image's size.`:void 0),v(`Height`,`height`,{min:64,max:2048,step:8})]}),q(`div`,{class:`row`,children:[v(`Steps`,`steps`,{min:1,max:150,step:1}),v(`CFG scale`,`cfgScale`,{min:0,max:30,step:.5,inputMode:`decimal`})]}),q(J,{label:`Scheduler`,children:t=>q(`select`,{id:t,value:e.scheduler,onChange:e=>p({scheduler:e.currentTarget.value}),children:[q(`option`,{value:``,children:[`Model default`,Er(h).scheduler?` (${Er(h).scheduler})`:``]}),sr.map(e=>q(`option`,{value:e,children:e},e))]})}),q(`div`,{class:`row seed-row`,children:[q(J,{label:`Seed`,hint:`Empty: a random seed each time.`,children:(t,n)=>q(`div`,{class:`with-button`,children:[q(`input`,{id:t,type:`number`,inputMode:`numeric`,min:0,max:Tr,"aria-describedby":n,value:e.seed,onInput:e=>p({seed:e.currentTarget.value})}),q(`button`,{type:`button`,"aria-label":`Random seed`,title:`Pick a random seed`,onClick:()=>p({seed:String(Math.floor(Math.random()*Tr))}),children:`Random`})]})}),v(`Runs`,`runs`,{min:1,max:100,step:1},`Seeds count up from the seed.`)]}),q(J,{label:`Board`,children:t=>q(`select`,{id:t,value:e.boardId,onChange:e=>p({boardId:e.currentTarget.value}),children:[q(`option`,{value:``,children:`Uncategorized`}),g.map(e=>q(`option`,{value:e.id,children:[e.name,e.myAccess===`OWNER`?``:` (${e.owner.displayName})`]},e.id))]})}),s?q(`p`,{class:`message error`,role:`alert`,children:s}):null,q(Y,{error:a}),l?q(X,{tone:`ok`,children:l}):null,q(`button`,{type:`submit`,class:`primary`,disabled:d,children:d?`Queuing…`:`Generate`})]})]}),q(`div`,{class:`side`,children:[q(Cr,{}),q(wr,{})]})]})}var Mr=[[`prompt`,`Prompt`],[`negativePrompt`,`Negative prompt`],[`model`,`Model`],[`steps`,`Steps`],[`cfgScale`,`CFG scale`],[`scheduler`,`Scheduler`],[`seed`,`Seed`]];function Nr(e){return e==null||e===``?`—`:typeof e==`object`?JSON.stringify(e):String(e)}function Pr(e){let t=H(K),n=t.kind===`app`?t.viewer:null,[r,i]=I(null),[a,o]=I([]),[s,c]=I(null),[l,u]=I(!1),[d,f]=I(``),[p,m]=I(!1),[h,g]=I(null);L(()=>{i(null),u(!1),z(ft,{id:e.id}).then(e=>e.image?i(e.image):u(!0),e=>e?.code===`NOT_FOUND`?u(!0):c(e))},[e.id]);let _=!!r&&!!n&&(r.owner.id===n.id||n.isAdmin);if(L(()=>{_&&z(ht).then(e=>o(e.boards.filter(e=>!e.archived&&e.myAccess!==`READ`)),()=>{})},[_]),l)return q(`p`,{class:`message error`,role:`alert`,children:`This image does not exist, or you cannot see it.`});if(!r)return s?q(Y,{error:s}):q(Z,{label:`Loading image…`});let v=r.board?r.board.myAccess!==`READ`:_,y=r.board?.myAccess===`READ`,b=r.metadata&&typeof r.metadata==`object`?r.metadata:{},x=async e=>{c(null),g(null);try{await e()}catch(e){c(e)}},S=r.board?`/gallery/${encodeURIComponent(r.board.id)}`:`/gallery`;return q(`div`,{class:`image-layout`,children:[q(`figure`,{class:`card image-figure`,children:[q(`img`,{src:r.url,alt:`Generated image: ${Nr(b.prompt)}`,width:r.width,height:r.height}),q(`figcaption`,{children:[r.width,`×`,r.height,`, `,Math.round(r.sizeBytes/1024),` KB, by `,r.owner.displayName,`, `,new Date(r.createdAt).toLocaleString()]})]}),q(`section`,{class:`card`,"aria-labelledby":`image-title`,children:[q(`div`,{class:`section-head`,children:[q(`h1`,{id:`image-title`,children:`Image`}),q(`a`,{href:S,onClick:G,children:[`Back to `,r.board?r.board.name:`gallery`]})]}),y?q(X,{children:[q(`strong`,{children:`Read only`}),`: this image is on `,r.board?.name,`, shared with you to look at. You can download it or reuse its settings.`]}):null,r.starred?q(`p`,{class:`starred-note`,children:`★ Starred`}):null,q(`dl`,{class:`meta`,children:[Mr.map(([e,t])=>q(`div`,{children:[q(`dt`,{children:t}),q(`dd`,{children:Nr(b[e])})]},e)),q(`div`,{children:[q(`dt`,{children:`Size`}),q(`dd`,{children:[r.width,`×`,r.height]})]}),q(`div`,{children:[q(`dt`,{children:`Board`}),q(`dd`,{children:r.board?r.board.name:`Uncategorized`})]})]}),q(`div`,{class:`actions`,children:[q(`button`,{type:`button`,class:`primary`,onClick:()=>{cr(r.metadata,r.board&&r.board.myAccess!==`READ`?r.board.id:null),W(`/`)},children:`Use these settings`}),q(`button`,{type:`button`,onClick:()=>{lr(r.id,r.url),W(`/`)},children:`Use as init image`}),v?q(`button`,{type:`button`,onClick:()=>x(async()=>{let{updateImage:e}=await z(pt,{id:r.id,starred:!r.starred});i({...r,starred:e.starred}),g(e.starred?`Starred.`:`Star removed.`)}),children:[q(`span`,{"aria-hidden":`true`,children:r.starred?`★`:`☆`}),r.starred?`Unstar`:`Star`]}):null,q(`a`,{class:`button`,href:new URL(r.url,location.href).href,download:`gql-invoke-${r.id}.png`,children:`Download`})]}),_?q(`form`,{class:`move`,onSubmit:e=>{e.preventDefault(),x(async()=>{let{updateImage:e}=await z(pt,d?{id:r.id,boardId:d}:{id:r.id,clearBoard:!0});i({...r,board:e.board??null}),g(`Moved to ${e.board?e.board.name:`Uncategorized`}.`)})},children:[q(J,{label:`Move to board`,children:e=>q(`select`,{id:e,value:d,onChange:e=>f(e.currentTarget.value),children:[q(`option`,{value:``,children:`Uncategorized`}),a.map(e=>q(`option`,{value:e.id,children:[e.name,e.myAccess===`OWNER`?``:` (${e.owner.displayName})`]},e.id))]})}),q(`button`,{type:`submit`,children:`Move to board`})]}):v?q(`p`,{class:`hint`,children:[`Only `,r.owner.displayName,`, who made it, or an admin can move this image to another board.`]}):null,v?q(`div`,{class:`danger`,children:p?q(T,{children:[q(`span`,{children:`Delete this image for good?`}),q(`button`,{type:`button`,class:`destructive`,onClick:()=>x(async()=>{await z(mt,{ids:[r.id]}),W(S)}),children:`Yes, delete`}),q(`button`,{type:`button`,onClick:()=>m(!1),children:`Keep it`})]}):q(`button`,{type:`button`,class:`destructive`,onClick:()=>m(!0),children:`Delete image`})}):null,q(Y,{error:s}),h?q(X,{tone:`ok`,children:h}):null]})]})}var Fr=V(`
  mutation SetQuota($userId: ID!, $maxPendingJobs: Int, $maxImagesPerDay: Int, $maxStorageBytes: Long) {
    setQuota(userId: $userId, maxPendingJobs: $maxPendingJobs, maxImagesPerDay: $maxImagesPerDay, maxStorageBytes: $maxStorageBytes) {
      id quota { maxPendingJobs maxImagesPerDay maxStorageBytes }
    }
  }
`),Ir=V(`
  query AdminModels {
    models { key name type base description isDefault defaults }
  }
`),Lr=V(`
  mutation InstallModel($input: ModelInstallInput!) {
    installModel(input: $input) { key name type base description isDefault defaults }
  }
`),Rr=V(`
  mutation UpdateModel($key: ID!, $defaults: JSON, $isDefault: Boolean) {
    updateModel(key: $key, defaults: $defaults, isDefault: $isDefault) { key isDefault defaults }
  }
`),zr=V(`
  mutation DeleteModel($key: ID!, $force: Boolean = false) { deleteModel(key: $key, force: $force) }
`),Br=V(`
  subscription ModelInstallProgress {
    modelInstallProgress { source stage message }
  }
`),Vr=V(`
  query AdminQueue($status: QueueItemStatus) {
    queueStatus { paused policy pending inProgress completed failed canceled }
    queueItems(status: $status, first: 50) {
      id status createdAt ownerName isMine position error
      params { prompt model width height steps }
    }
  }
`),Hr=V(`
  mutation PauseProcessor { pauseProcessor { paused policy } }
`),Ur=V(`
  mutation ResumeProcessor { resumeProcessor { paused policy } }
`),Wr=V(`
  mutation SetQueuePolicy($policy: QueuePolicy!) {
    setQueuePolicy(policy: $policy) { paused policy }
  }
`),Gr=V(`
  mutation AdminCancelItem($id: ID!) {
    cancelQueueItem(id: $id) { id status }
  }
`),Kr=V(`
  query AuditUsers { users { id displayName email } }
`),qr=V(`
  query AuditLog($first: Int = 50, $after: String, $actorId: ID, $action: String) {
    auditLog(first: $first, after: $after, actorId: $actorId, action: $action) {
      id at action targetType targetId detail ip cursor
      actor { id displayName }
    }
  }
`);function Jr(e){return!e||typeof e!=`object`||Object.keys(e).length===0?``:JSON.stringify(e)}function Yr(e){let t=e.event,n=Jr(t.detail);return q(`tr`,{children:[q(`td`,{children:q(`time`,{dateTime:t.at,children:new Date(t.at).toLocaleString()})}),q(`td`,{children:t.actor?t.actor.displayName:q(`span`,{class:`muted`,children:`system`})}),q(`td`,{children:q(`code`,{children:t.action})}),q(`td`,{class:`audit-target`,children:[t.targetType,t.targetId?q(`span`,{class:`muted`,children:[` `,t.targetId]}):null]}),q(`td`,{class:`audit-detail`,children:[n?q(`code`,{children:n}):null,t.ip?q(`span`,{class:`muted small`,children:[` from `,t.ip]}):null]})]})}function Xr(e){let t=e.pageSize??50,[n,r]=I([]),[i,a]=I(``),[o,s]=I(``),[c,l]=I({actorId:``,action:``}),[u,d]=I(null),[f,p]=I(!1),[m,h]=I(!1),[g,_]=I(null),v=async(e,n)=>{h(!0),_(null);try{let r=await z(qr,{first:t,after:e,actorId:c.actorId||null,action:c.action||null});d([...n,...r.auditLog]),p(r.auditLog.length===t)}catch(e){_(e)}finally{h(!1)}};L(()=>{z(Kr).then(e=>r(e.users),_)},[]),L(()=>{d(null),v(null,[])},[c]);let y=[...new Set((u??[]).map(e=>e.action))].sort();return q(`section`,{class:`card`,"aria-labelledby":`audit-title`,children:[q(`h1`,{id:`audit-title`,children:`Audit log`}),q(`form`,{class:`inline-form audit-filters`,onSubmit:e=>{e.preventDefault(),l({actorId:i,action:o.trim()})},children:[q(J,{label:`Actor`,children:e=>q(`select`,{id:e,value:i,onChange:e=>a(e.currentTarget.value),children:[q(`option`,{value:``,children:`Everyone`}),n.map(e=>q(`option`,{value:e.id,children:[e.displayName,` (`,e.email,`)`]},e.id))]})}),q(J,{label:`Action`,hint:`Exact name, e.g. user_updated or model.update; empty: all.`,children:(e,t)=>q(T,{children:[q(`input`,{id:e,type:`text`,list:`audit-actions`,autocomplete:`off`,"aria-describedby":t,value:o,onInput:e=>s(e.currentTarget.value)}),q(`datalist`,{id:`audit-actions`,children:y.map(e=>q(`option`,{value:e},e))})]})}),q(`button`,{type:`submit`,children:`Filter`}),c.actorId||c.action?q(`button`,{type:`button`,onClick:()=>{a(``),s(``),l({actorId:``,action:``})},children:`Show all events`}):null]}),q(Y,{error:g}),u?u.length?q(`div`,{class:`table-wrap`,tabIndex:0,role:`region`,"aria-label":`Audit events`,children:q(`table`,{class:`audit-table`,children:[q(`caption`,{class:`sr-only`,children:`Audit events, newest first`}),q(`thead`,{children:q(`tr`,{children:[q(`th`,{scope:`col`,children:`When`}),q(`th`,{scope:`col`,children:`Who`}),q(`th`,{scope:`col`,children:`Action`}),q(`th`,{scope:`col`,children:`Target`}),q(`th`,{scope:`col`,children:`Detail`})]})}),q(`tbody`,{children:u.map(e=>q(Yr,{event:e},e.id))})]})}):q(`p`,{class:`muted`,children:[`No events`,c.actorId||c.action?` match these filters`:``,`.`]}):q(Z,{label:`Loading the audit log…`}),u&&f?q(`button`,{type:`button`,disabled:m,onClick:()=>void v(u[u.length-1].cursor,u),children:`Older`}):null,u?q(`p`,{class:`muted small`,children:[u.length,` shown.`]}):null]})}var Zr=[`width`,`height`,`steps`,`cfgScale`,`scheduler`],Qr={width:`Width`,height:`Height`,steps:`Steps`,cfgScale:`CFG scale`,scheduler:`Scheduler`};function $r(e){let t=e.model.defaults??{},[n,r]=I(Object.fromEntries(Zr.map(e=>[e,t[e]==null?``:String(t[e])]))),i=(e,t)=>r(n=>({...n,[e]:t})),a=()=>{let t={};for(let e of Zr){let r=n[e].trim();r&&(t[e]=e===`scheduler`?r:Number(r))}return e.act(()=>z(Rr,{key:e.model.key,defaults:t}),`Defaults saved.`)};return q(`form`,{class:`defaults-form`,"aria-label":`Defaults of ${e.model.name}`,onSubmit:e=>{e.preventDefault(),a()},children:[Zr.map(e=>q(J,{label:Qr[e],children:t=>e===`scheduler`?q(`select`,{id:t,value:n[e],onChange:t=>i(e,t.currentTarget.value),children:[q(`option`,{value:``,children:`(not set)`}),sr.map(e=>q(`option`,{value:e,children:e},e))]}):q(`input`,{id:t,type:`number`,step:e===`cfgScale`?`any`:1,min:e===`cfgScale`?0:1,value:n[e],onInput:t=>i(e,t.currentTarget.value)})},e)),q(`button`,{type:`submit`,children:`Save defaults`})]})}function ei(e){return e instanceof R&&e.code===`CONFLICT`&&e.message.includes(`force: true`)}function ti(e){let t=e.model,[n,r]=I(null),[i,a]=I(null),[o,s]=I(!1),c=async(t,n)=>{r(null),a(null);try{await t(),a(n),e.reload()}catch(e){r(e)}};return q(`li`,{"aria-label":`Model ${t.name}`,class:`model-row`,children:[q(`strong`,{children:t.name}),q(`span`,{class:`muted`,children:t.key}),q(`span`,{class:`muted small`,children:[t.type,` · `,t.base]}),t.isDefault?q(`span`,{class:`badge`,children:`default`}):null,t.description?q(`div`,{class:`small`,children:t.description}):null,t.type===`MAIN`?q($r,{model:t,act:c},JSON.stringify(t.defaults)):null,q(`div`,{class:`actions`,children:[t.type===`MAIN`&&!t.isDefault?q(`button`,{type:`button`,onClick:()=>void c(()=>z(Rr,{key:t.key,isDefault:!0}),`Now the default model.`),children:`Set as default`}):null,q(`button`,{type:`button`,class:`destructive`,"aria-expanded":o,onClick:()=>s(!o),children:`Delete model`})]}),o?q(`div`,{class:`inline-form`,role:`group`,"aria-label":`Confirm deleting ${t.name}`,children:[q(`p`,{children:[`Delete `,t.name,`? `,t.isDefault?`Another model becomes the default. `:``,`Files you installed from your own path stay on disk.`]}),q(`button`,{type:`button`,class:`destructive`,onClick:()=>void c(()=>z(zr,{key:t.key}),`Deleted.`),children:`Delete for good`}),ei(n)?q(`button`,{type:`button`,class:`destructive`,onClick:()=>void c(()=>z(zr,{key:t.key,force:!0}),`Deleted.`),children:`Delete anyway`}):null,q(`button`,{type:`button`,onClick:()=>s(!1),children:`Keep`})]}):null,q(Y,{error:n}),i?q(X,{tone:`ok`,children:i}):null]})}function ni(e){let[t,n]=I(``),[r,i]=I(``),[a,o]=I(!1),[s,c]=I(null),[l,u]=I(null),[d,f]=I(null),p=Ae(null);return L(()=>Lt(Br,{},{next:e=>{e.modelInstallProgress.source===p.current&&c(e.modelInstallProgress)},error:e=>u(e)}),[]),q(`form`,{onSubmit:async s=>{if(s.preventDefault(),t.trim()&&!a){u(null),f(null),c(null),o(!0),p.current=t.trim();try{let{installModel:a}=await z(Lr,{input:{source:t.trim(),...r.trim()?{name:r.trim()}:{}}});f(`Installed ${a.name} (${a.key}).`),n(``),i(``),e.onInstalled()}catch(e){u(e)}finally{o(!1),p.current=null}}},children:[q(`h2`,{children:`Install a model`}),q(J,{label:`Model path`,hint:`Absolute path on the server of a diffusers folder or a .safetensors/.ckpt file; it is registered in place, not copied.`,children:(e,r)=>q(`input`,{id:e,type:`text`,autocomplete:`off`,"aria-describedby":r,value:t,onInput:e=>n(e.currentTarget.value)})}),q(J,{label:`Model name (optional)`,children:e=>q(`input`,{id:e,type:`text`,autocomplete:`off`,value:r,onInput:e=>i(e.currentTarget.value)})}),q(`button`,{type:`submit`,class:`primary`,disabled:a||!t.trim(),children:`Install model`}),a?q(Z,{label:s?`Installing: ${s.stage}, ${s.message}`:`Installing…`}):null,q(Y,{error:l}),d?q(X,{tone:`ok`,children:d}):null]})}function ri(){let[e,t]=I(null),[n,r]=I(null),i=()=>z(Ir).then(e=>t(e.models),r);return L(()=>void i(),[]),q(`div`,{class:`profile-layout`,children:[q(`section`,{class:`card`,"aria-labelledby":`models-title`,children:[q(`h1`,{id:`models-title`,children:`Models`}),q(Y,{error:n}),e?e.length?q(`ul`,{class:`plain-list`,"aria-label":`Models`,children:e.map(e=>q(ti,{model:e,reload:i},e.key))}):q(`p`,{class:`muted`,children:`No models are installed.`}):q(Z,{label:`Loading models…`})]}),q(`section`,{class:`card`,children:q(ni,{onInstalled:i})})]})}var ii=[{value:`FIFO`,label:`First in, first out`},{value:`ROUND_ROBIN`,label:`Round robin between users`},{value:`FAIR_SHARE`,label:`Fair share (least recent GPU use first)`}],ai=[{value:``,label:`Any status`},{value:`PENDING`,label:`Pending`},{value:`IN_PROGRESS`,label:`In progress`},{value:`COMPLETED`,label:`Completed`},{value:`FAILED`,label:`Failed`},{value:`CANCELED`,label:`Canceled`}],oi=new Set([`PENDING`,`IN_PROGRESS`]);function si(e){let{item:t}=e,n=t.params?.prompt||`(prompt hidden)`;return q(`li`,{"aria-label":`Item ${n} by ${t.ownerName}`,children:[q(`strong`,{class:`admin-prompt`,children:n}),q(`span`,{class:`badge`,children:t.status.replace(`_`,` `).toLowerCase()}),q(`div`,{class:`muted small`,children:[`by `,t.ownerName,t.params?` · ${t.params.model}, ${t.params.width}×${t.params.height}, ${t.params.steps} steps`:``,t.position==null?``:` · place ${t.position+1}`,` · added `,new Date(t.createdAt).toLocaleString()]}),t.error?q(`p`,{class:t.status===`FAILED`?`message error small`:`muted small`,children:t.error}):null,oi.has(t.status)?q(`div`,{class:`actions`,children:q(`button`,{type:`button`,class:`destructive`,"aria-label":`Cancel ${n} by ${t.ownerName}`,onClick:()=>e.cancel(t.id),children:`Cancel`})}):null]})}function ci(){let[e,t]=I(null),[n,r]=I(``),[i,a]=I(``),[o,s]=I(null),[c,l]=I(null),u=H(Bt).status,d=()=>z(Vr,{status:n||null}).then(t,s);L(()=>void d(),[n,u]);let f=async(e,t)=>{s(null),l(null);try{await e(),l(t),await d()}catch(e){s(e)}},p=e?.queueStatus;return L(()=>{p&&a(p.policy)},[p?.policy]),q(`section`,{class:`card admin-queue`,"aria-labelledby":`admin-queue-title`,children:[q(`div`,{class:`section-head`,children:[q(`h1`,{id:`admin-queue-title`,children:`Manage queue`}),p?q(`button`,{type:`button`,class:p.paused?`primary`:void 0,onClick:()=>p.paused?f(()=>z(Ur),`Queue resumed.`):f(()=>z(Hr),`Queue paused.`),children:p.paused?`Resume queue`:`Pause queue`}):null]}),p?q(`p`,{class:`queue-state`,"aria-live":`polite`,children:[`The queue is `,q(`strong`,{children:p.paused?`paused`:`running`}),`: `,p.pending,` pending, `,p.inProgress,` in progress, `,p.completed,` completed, `,p.failed,` failed, `,p.canceled,` canceled.`]}):null,q(`div`,{class:`admin-filters`,children:[q(`form`,{class:`inline-form`,onSubmit:e=>{e.preventDefault(),i&&f(()=>z(Wr,{policy:i}),`Policy saved.`)},children:[q(J,{label:`Queue policy`,children:e=>q(`select`,{id:e,value:i,onChange:e=>a(e.currentTarget.value),children:ii.map(e=>q(`option`,{value:e.value,children:e.label},e.value))})}),q(`button`,{type:`submit`,disabled:!p||i===p.policy,children:`Set policy`})]}),q(J,{label:`Show`,children:e=>q(`select`,{id:e,value:n,onChange:e=>r(e.currentTarget.value),children:ai.map(e=>q(`option`,{value:e.value,children:e.label},e.value))})})]}),q(Y,{error:o}),c?q(X,{tone:`ok`,children:c}):null,e?e.queueItems.length?q(`ul`,{class:`plain-list`,"aria-label":`All queue items`,children:e.queueItems.map(e=>q(si,{item:e,cancel:e=>void f(()=>z(Gr,{id:e}),`Canceled.`)},e.id))}):q(`p`,{class:`muted`,children:[`No items`,n?` with this status`:``,`.`]}):q(Z,{label:`Loading the queue…`}),q(`p`,{class:`muted small`,children:`The oldest 50 items are shown; pick a status to narrow them.`})]})}var li=[{label:`at least 8 characters`,ok:e=>[...e].length>=8},{label:`at most 256 characters`,ok:e=>[...e].length<=256},{label:`an upper-case letter`,ok:e=>/\p{Lu}/u.test(e)},{label:`a lower-case letter`,ok:e=>/\p{Ll}/u.test(e)},{label:`a digit`,ok:e=>/\p{Nd}/u.test(e)}];function ui(e){return li.filter(t=>!t.ok(e)).map(e=>e.label)}function di(e){return q(T,{children:[q(`span`,{children:e.policy}),q(`ul`,{class:`checklist`,"aria-live":`polite`,children:li.map(t=>{let n=t.ok(e.password);return q(`li`,{class:n?`ok`:`todo`,children:[q(`span`,{"aria-hidden":`true`,children:n?`✓`:`•`}),` `,t.label,q(`span`,{class:`sr-only`,children:n?` (met)`:` (not met yet)`})]},t.label)})})]})}var fi=e=>`${(e/1024/1024).toFixed(1)} MB`,pi=1048576;function mi(e,t=1){let n=e.trim();if(!n)return null;let r=Number(n);return Number.isFinite(r)&&r>=0?Math.round(r*t):NaN}function hi(e){return!e||e.maxPendingJobs==null&&e.maxImagesPerDay==null&&e.maxStorageBytes==null?`Quota: no limits`:`Quota: ${[e.maxPendingJobs==null?`any number pending`:`${e.maxPendingJobs} pending`,e.maxImagesPerDay==null?`any number of images a day`:`${e.maxImagesPerDay} images a day`,e.maxStorageBytes==null?`unlimited storage`:`${fi(e.maxStorageBytes)} storage`].join(`, `)}`}function gi(e){let t=e.user.quota,n=(e,t=1)=>e==null?``:String(Math.round(e/t*100)/100),[r,i]=I(n(t?.maxPendingJobs)),[a,o]=I(n(t?.maxImagesPerDay)),[s,c]=I(n(t?.maxStorageBytes,pi)),l={maxPendingJobs:mi(r),maxImagesPerDay:mi(a),maxStorageBytes:mi(s,pi)},u=Object.values(l).some(e=>Number.isNaN(e));return q(`form`,{class:`inline-form quota-form`,"aria-label":`Quota for ${e.user.displayName}`,onSubmit:t=>{t.preventDefault(),u||e.act(()=>z(Fr,{userId:e.user.id,...l}),`Quota saved.`)},children:[q(J,{label:`Max pending jobs`,children:e=>q(`input`,{id:e,type:`number`,min:0,step:1,inputMode:`numeric`,value:r,onInput:e=>i(e.currentTarget.value)})}),q(J,{label:`Max images per day`,children:e=>q(`input`,{id:e,type:`number`,min:0,step:1,inputMode:`numeric`,value:a,onInput:e=>o(e.currentTarget.value)})}),q(J,{label:`Max storage (MB)`,children:e=>q(`input`,{id:e,type:`number`,min:0,step:`any`,inputMode:`decimal`,value:s,onInput:e=>c(e.currentTarget.value)})}),q(`button`,{type:`submit`,disabled:u,children:`Set quota`}),q(`p`,{class:`hint quota-hint`,children:`Leave a box empty for no limit (pending jobs then follow the site default).`})]})}function _i(e){let[t,n]=I(e.user.displayName),r=t.trim()!==``&&t.trim()!==e.user.displayName;return q(`form`,{class:`inline-form`,"aria-label":`Name of ${e.user.displayName}`,onSubmit:n=>{n.preventDefault(),r&&e.act(()=>z(Et,{id:e.user.id,input:{displayName:t.trim()}}),`Name saved.`)},children:[q(J,{label:`Name`,children:e=>q(`input`,{id:e,type:`text`,autocomplete:`off`,value:t,onInput:e=>n(e.currentTarget.value)})}),q(`button`,{type:`submit`,disabled:!r,children:`Save name`})]})}function vi(e){let[t,n]=I(``),[r,i]=I(``),[a,o]=I(``),[s,c]=I(!1),[l,u]=I(null),d=t.trim()&&r.trim()&&ui(a).length===0;return q(`form`,{onSubmit:async l=>{if(l.preventDefault(),d){u(null);try{await z(Tt,{input:{email:t.trim(),displayName:r.trim(),password:a,isAdmin:s}}),n(``),i(``),o(``),c(!1),e.onCreated()}catch(e){u(e)}}},children:[q(`h2`,{children:`New user`}),q(J,{label:`Email`,children:e=>q(`input`,{id:e,type:`email`,autocomplete:`off`,value:t,onInput:e=>n(e.currentTarget.value)})}),q(J,{label:`Display name`,children:e=>q(`input`,{id:e,type:`text`,value:r,onInput:e=>i(e.currentTarget.value)})}),q(J,{label:`Initial password`,hint:q(di,{policy:e.policy,password:a}),children:(e,t)=>q(`input`,{id:e,type:`password`,autocomplete:`new-password`,"aria-describedby":t,value:a,onInput:e=>o(e.currentTarget.value)})}),q(`div`,{class:`check`,children:[q(`input`,{id:`new-user-admin`,type:`checkbox`,checked:s,onChange:e=>c(e.currentTarget.checked)}),q(`label`,{for:`new-user-admin`,children:`Administrator`})]}),q(`button`,{type:`submit`,class:`primary`,disabled:!d,children:`Create user`}),q(Y,{error:l})]})}function yi(e){let{user:t}=e,[n,r]=I(null),[i,a]=I(null),[o,s]=I(!1),[c,l]=I(``),[u,d]=I(null),f=async(t,n)=>{r(null),a(null);try{await t(),a(n),e.reload()}catch(e){r(e)}},p=(e,n)=>f(()=>z(Et,{id:t.id,input:e}),n);return q(`li`,{"aria-label":`User ${t.displayName}`,children:[q(`strong`,{children:t.displayName}),q(`span`,{class:`muted`,children:t.email}),t.isAdmin?q(`span`,{class:`badge`,children:`admin`}):null,t.isActive?null:q(`span`,{class:`badge off`,children:`disabled`}),q(`div`,{class:`muted small`,children:[t.stats?`${t.stats.imageCount} images, ${t.stats.boardCount} boards, ${fi(t.stats.storageBytes)}, ${t.stats.pendingJobs} pending · `:``,`last sign-in `,t.lastLoginAt?new Date(t.lastLoginAt).toLocaleString():`never`]}),q(`div`,{class:`muted small`,children:hi(t.quota)}),q(`div`,{class:`actions`,children:[e.self?null:q(T,{children:[q(`button`,{type:`button`,onClick:()=>p({isAdmin:!t.isAdmin},t.isAdmin?`No longer an administrator.`:`Now an administrator.`),children:t.isAdmin?`Remove admin`:`Make admin`}),q(`button`,{type:`button`,onClick:()=>p({isActive:!t.isActive},t.isActive?`Disabled; their sessions ended.`:`Enabled.`),children:t.isActive?`Disable`:`Enable`})]}),q(`button`,{type:`button`,onClick:()=>f(()=>z(Ot,{id:t.id}),`Sign-in failures cleared.`),children:`Unlock`}),q(`button`,{type:`button`,"aria-expanded":o,onClick:()=>s(!o),children:`Reset password`}),e.self?null:q(`button`,{type:`button`,class:`destructive`,onClick:()=>d(``),children:`Delete`})]}),q(`div`,{class:`user-edit`,children:[q(_i,{user:t,act:f},t.displayName),q(gi,{user:t,act:f},JSON.stringify(t.quota))]}),o?q(`form`,{class:`inline-form`,onSubmit:e=>{e.preventDefault(),p({password:c},`Password reset; their sessions ended.`).then(()=>{l(``),s(!1)})},children:[q(J,{label:`New password for ${t.displayName}`,children:e=>q(`input`,{id:e,type:`password`,autocomplete:`new-password`,value:c,onInput:e=>l(e.currentTarget.value)})}),q(`button`,{type:`submit`,disabled:ui(c).length>0,children:`Set password`})]}):null,u===null?null:q(`form`,{class:`inline-form`,onSubmit:e=>{e.preventDefault(),u===t.email&&f(()=>z(Dt,{id:t.id}),`Deleted.`)},children:[q(J,{label:`Type ${t.email} to delete this user and everything they own`,children:e=>q(`input`,{id:e,type:`text`,autocomplete:`off`,value:u,onInput:e=>d(e.currentTarget.value)})}),q(`button`,{type:`submit`,class:`destructive`,disabled:u!==t.email,children:`Delete for good`}),q(`button`,{type:`button`,onClick:()=>d(null),children:`Keep`})]}),q(Y,{error:n}),i?q(X,{tone:`ok`,children:i}):null]})}function bi(e){let[t,n]=I(null),[r,i]=I(null),a=()=>z(wt).then(e=>n(e.users),i);return L(()=>void a(),[]),q(`div`,{class:`profile-layout`,children:[q(`section`,{class:`card`,"aria-labelledby":`users-title`,children:[q(`h1`,{id:`users-title`,children:`Users`}),q(Y,{error:r}),t?q(`ul`,{class:`plain-list`,"aria-label":`Users`,children:t.map(t=>q(yi,{user:t,self:t.id===e.viewerId,reload:a},t.id))}):q(Z,{label:`Loading users…`})]}),q(`section`,{class:`card`,children:q(vi,{policy:e.policy,onCreated:a})})]})}var $=e=>e?new Date(e).toLocaleString():`never`,xi=[`read`,`generate`,`manage`,`admin`];function Si(e){let[t,n]=I(e.name),[r,i]=I(null),[a,o]=I(!1);return q(`form`,{class:`inline-form`,onSubmit:async n=>{n.preventDefault(),i(null),o(!1);try{let{updateMe:n}=await z(bt,{input:{displayName:t.trim()}});e.onSaved(n.displayName),o(!0)}catch(e){i(e)}},children:[q(J,{label:`Display name`,children:e=>q(`input`,{id:e,type:`text`,maxLength:100,value:t,onInput:e=>n(e.currentTarget.value)})}),q(`button`,{type:`submit`,disabled:!t.trim()||t.trim()===e.name,children:`Save name`}),q(Y,{error:r}),a?q(X,{tone:`ok`,children:`Saved.`}):null]})}function Ci(e){let[t,n]=I(``),[r,i]=I(``),[a,o]=I(``),[s,c]=I(null),[l,u]=I(!1),d=t&&ui(r).length===0&&r===a;return q(`form`,{onSubmit:async e=>{if(e.preventDefault(),d){c(null),u(!1);try{await z(bt,{input:{currentPassword:t,newPassword:r}}),n(``),i(``),o(``),u(!0)}catch(e){c(e)}}},children:[q(J,{label:`Current password`,children:e=>q(`input`,{id:e,type:`password`,autocomplete:`current-password`,value:t,onInput:e=>n(e.currentTarget.value)})}),q(J,{label:`New password`,hint:q(di,{policy:e.policy,password:r}),children:(e,t)=>q(`input`,{id:e,type:`password`,autocomplete:`new-password`,"aria-describedby":t,value:r,onInput:e=>i(e.currentTarget.value)})}),q(J,{label:`Repeat new password`,hint:a&&a!==r?`The two passwords are not the same.`:void 0,children:(e,t)=>q(`input`,{id:e,type:`password`,autocomplete:`new-password`,"aria-describedby":t,value:a,onInput:e=>o(e.currentTarget.value)})}),q(`button`,{type:`submit`,disabled:!d,children:`Change password`}),q(Y,{error:s}),l?q(X,{tone:`ok`,children:`Password changed. Your other sessions and API tokens were signed out.`}):null]})}function wi(e){let[t,n]=I(``),[r,i]=I([`read`]),[a,o]=I(`90`),[s,c]=I(null),[l,u]=I(!1),[d,f]=I(null),p=(e,t)=>i(n=>t?[...new Set([...n,e])]:n.filter(t=>t!==e));return q(T,{children:[e.tokens.length?q(`ul`,{class:`plain-list`,"aria-label":`API tokens`,children:e.tokens.map(t=>q(`li`,{"aria-label":`API token ${t.name}`,children:[q(`strong`,{children:t.name}),` `,q(`span`,{class:`muted`,children:[`(`,t.scopes.join(`, `),`)`]}),q(`div`,{class:`muted small`,children:[`Created `,$(t.createdAt),` · expires `,t.expiresAt?$(t.expiresAt):`never`,` · last used `,$(t.lastUsedAt)]}),q(`button`,{type:`button`,class:`destructive`,onClick:()=>z(Ct,{id:t.id}).then(e.reload,f),children:`Revoke`})]},t.id))}):q(`p`,{class:`muted`,children:`No API tokens.`}),q(`form`,{class:`token-form`,onSubmit:async i=>{i.preventDefault(),f(null),u(!1);try{let i=a.trim()===``?null:Number(a),{createApiToken:o}=await z(St,{name:t.trim(),scopes:r,expiresInDays:i});c(o.token),n(``),e.reload()}catch(e){f(e)}},children:[q(`h3`,{children:`New API token`}),q(J,{label:`Token name`,children:e=>q(`input`,{id:e,type:`text`,maxLength:100,value:t,onInput:e=>n(e.currentTarget.value)})}),q(`fieldset`,{class:`scopes`,children:[q(`legend`,{children:`Scopes`}),xi.filter(t=>t!==`admin`||e.isAdmin).map(e=>q(`div`,{class:`check`,children:[q(`input`,{id:`scope-${e}`,type:`checkbox`,checked:r.includes(e),onChange:t=>p(e,t.currentTarget.checked)}),q(`label`,{for:`scope-${e}`,children:e})]},e))]}),q(J,{label:`Expires in days`,hint:`Empty: never expires.`,children:(e,t)=>q(`input`,{id:e,type:`number`,min:1,"aria-describedby":t,value:a,onInput:e=>o(e.currentTarget.value)})}),q(`button`,{type:`submit`,disabled:!t.trim()||r.length===0,children:`Create token`})]}),s?q(`div`,{class:`secret`,role:`status`,children:[q(`p`,{children:`Copy the token now: it is shown only once.`}),q(`code`,{children:s}),q(`button`,{type:`button`,onClick:()=>navigator.clipboard?.writeText(s).then(()=>u(!0),()=>u(!1)),children:l?`Copied`:`Copy token`})]}):null,q(Y,{error:d})]})}function Ti(e){let[t,n]=I(null),[r,i]=I(null),a=()=>z(yt).then(n,i);return L(()=>void a(),[]),t?q(`div`,{class:`profile-layout`,children:[q(`section`,{class:`card`,"aria-labelledby":`profile-title`,children:[q(`h1`,{id:`profile-title`,children:`Your account`}),q(`p`,{class:`muted`,children:[t.me.email,t.me.isAdmin?` · administrator`:``,` · member since `,$(t.me.createdAt)]}),q(Si,{name:t.me.displayName,onSaved:e=>{let t=K.get();t.kind===`app`&&K.set({...t,viewer:{...t.viewer,displayName:e}})}}),q(`h2`,{children:`Password`}),q(Ci,{policy:e.policy})]}),q(`section`,{class:`card`,"aria-labelledby":`sessions-title`,children:[q(`h2`,{id:`sessions-title`,children:`Signed-in sessions`}),q(`ul`,{class:`plain-list`,"aria-label":`Sessions`,children:t.sessions.map(e=>q(`li`,{children:[q(`strong`,{children:e.userAgent||`Unknown client`}),e.current?q(`span`,{class:`badge`,children:`this one`}):null,q(`div`,{class:`muted small`,children:[e.ip??`unknown address`,` · signed in `,$(e.createdAt),` · last seen `,$(e.lastSeenAt),` · until `,$(e.expiresAt)]}),e.current?null:q(`button`,{type:`button`,onClick:()=>z(xt,{id:e.id}).then(a,i),children:`Sign out this session`})]},e.id))}),q(`h2`,{children:`API tokens`}),q(wi,{tokens:t.apiTokens,isAdmin:t.me.isAdmin,reload:a}),q(Y,{error:r})]})]}):r?q(Y,{error:r}):q(Z,{label:`Loading your account…`})}function Ei(e){let[t,n]=I(``),[r,i]=I(``),[a,o]=I(``),[s,c]=I(``),[l,u]=I(null),[d,f]=I(!1),p=wn(l),m=ui(a),h=s.length>0&&s!==a,g=t.trim()&&r.trim()&&m.length===0&&s===a;async function _(e){if(e.preventDefault(),g&&!d){f(!0),u(null);try{let{setup:e}=await z(Ze,{input:{email:t.trim(),displayName:r.trim(),password:a}});yn(e.token,!1,e.user)}catch(e){u(e),f(!1)}}}return q(`main`,{class:`auth-page`,children:q(`form`,{class:`card auth-card`,onSubmit:_,"aria-labelledby":`setup-title`,noValidate:!0,children:[q(`h1`,{id:`setup-title`,children:`Create administrator account`}),q(`p`,{class:`muted`,children:`This server has no administrator yet. The account you create here manages users, models and the queue.`}),q(J,{label:`Email`,children:e=>q(`input`,{id:e,type:`email`,autocomplete:`username`,required:!0,value:t,onInput:e=>n(e.currentTarget.value)})}),q(J,{label:`Display name`,children:e=>q(`input`,{id:e,type:`text`,autocomplete:`name`,required:!0,maxLength:100,value:r,onInput:e=>i(e.currentTarget.value)})}),q(J,{label:`Password`,hint:q(di,{policy:e.policy,password:a}),children:(e,t)=>q(`input`,{id:e,type:`password`,autocomplete:`new-password`,required:!0,"aria-describedby":t,"aria-invalid":a.length>0&&m.length>0,value:a,onInput:e=>o(e.currentTarget.value)})}),q(J,{label:`Confirm password`,hint:h?`The two passwords are not the same.`:void 0,children:(e,t)=>q(`input`,{id:e,type:`password`,autocomplete:`new-password`,required:!0,"aria-describedby":t,"aria-invalid":h,value:s,onInput:e=>c(e.currentTarget.value)})}),q(Y,{error:l,secondsLeft:p}),q(`button`,{type:`submit`,class:`primary`,disabled:!g||d||p>0,children:d?`Creating…`:`Create administrator account`})]})})}var Di=[{href:`/`,label:`Generate`},{href:`/queue`,label:`Queue`},{href:`/gallery`,label:`Gallery`}],Oi=[{href:`/admin/users`,label:`Users`,multiuserOnly:!0},{href:`/admin/models`,label:`Models`,multiuserOnly:!1},{href:`/admin/queue`,label:`All jobs`,multiuserOnly:!1},{href:`/admin/audit`,label:`Audit log`,multiuserOnly:!0}];function ki(e){let{path:t}=dn(),[n,r]=I(!1),i=[...Di,...e.viewer.isAdmin?e.multiuser?Oi:Oi.filter(e=>!e.multiuserOnly):[]],a=e=>e===`/`?t===`/`:t===e||t.startsWith(`${e}/`),o=async e=>{r(!0),await bn(e)};return q(T,{children:[q(`a`,{class:`skip`,href:`#main`,children:`Skip to content`}),q(`header`,{class:`topbar`,children:[q(`a`,{class:`brand`,href:`/`,onClick:G,children:`gql-invoke`}),q(`nav`,{"aria-label":`Main`,children:q(`ul`,{children:i.map(e=>q(`li`,{children:q(`a`,{href:e.href,onClick:G,"aria-current":a(e.href)?`page`:void 0,children:[e.label,e.href===`/queue`?q(Sr,{}):null]})},e.href))})}),q(`div`,{class:`account`,children:e.multiuser?q(T,{children:[q(`a`,{class:`who`,href:`/account`,onClick:G,title:`${e.viewer.email}: your account`,"aria-current":a(`/account`)?`page`:void 0,children:[e.viewer.displayName,e.viewer.isAdmin?` (admin)`:``]}),q(`button`,{type:`button`,disabled:n,onClick:()=>o(!1),children:`Sign out`}),q(`button`,{type:`button`,disabled:n,onClick:()=>o(!0),children:`Sign out everywhere`})]}):q(`span`,{class:`who`,children:`Single-user mode`})})]}),q(`main`,{id:`main`,tabIndex:-1,children:e.children})]})}function Ai(e){let[t,n]=I(``),[r,i]=I(``),[a,o]=I(!1),[s,c]=I(null),[l,u]=I(!1),d=wn(s);async function f(e){if(e.preventDefault(),!(l||d>0)){u(!0),c(null);try{let{login:e}=await z(Qe,{input:{email:t.trim(),password:r,rememberMe:a}});yn(e.token,a,e.user)}catch(e){c(e),u(!1)}}}return q(`main`,{class:`auth-page`,children:q(`form`,{class:`card auth-card`,onSubmit:f,"aria-labelledby":`signin-title`,children:[q(`h1`,{id:`signin-title`,children:`Sign in`}),e.notice&&!s?q(X,{tone:`warn`,children:e.notice}):null,q(J,{label:`Email`,children:e=>q(`input`,{id:e,type:`email`,autocomplete:`username`,required:!0,value:t,onInput:e=>n(e.currentTarget.value)})}),q(J,{label:`Password`,children:e=>q(`input`,{id:e,type:`password`,autocomplete:`current-password`,required:!0,value:r,onInput:e=>i(e.currentTarget.value)})}),q(`div`,{class:`check`,children:[q(`input`,{id:`remember-me`,type:`checkbox`,checked:a,onChange:e=>o(e.currentTarget.checked)}),q(`label`,{for:`remember-me`,children:`Remember me`})]}),q(Y,{error:s,secondsLeft:d}),q(`button`,{type:`submit`,class:`primary`,disabled:l||d>0,children:l?`Signing in…`:`Sign in`})]})})}function ji(e){let{path:t,query:n}=dn();if(L(()=>{let e=[[`/gallery`,`Gallery`],[`/queue`,`Queue`],[`/view/`,`Image`],[`/account`,`Account`],[`/admin/users`,`Users`],[`/admin/models`,`Models`],[`/admin/queue`,`Manage queue`],[`/admin/audit`,`Audit log`]].find(([e])=>t.startsWith(e));document.title=`${e?e[1]:`Generate`} · gql-invoke`},[t]),t===`/`||t===``)return q(jr,{});if(t===`/queue`)return q(Cr,{standalone:!0});if(t===`/gallery`||t.startsWith(`/gallery/`))return q(nr,{});if(t.startsWith(`/view/`))return q(Pr,{id:decodeURIComponent(t.slice(6))});if(t===`/account`&&e.multiuser)return q(Ti,{policy:pn()});if(t===`/admin/users`&&e.multiuser&&e.viewer.isAdmin)return q(bi,{policy:pn(),viewerId:e.viewer.id});if(t===`/admin/models`&&e.viewer.isAdmin)return q(ri,{});if(t===`/admin/queue`&&e.viewer.isAdmin)return q(ci,{});if(t===`/admin/audit`&&e.multiuser&&e.viewer.isAdmin){let e=Math.trunc(Number(n.get(`first`)));return q(Xr,{pageSize:e>=1&&e<=100?e:50})}return q(`section`,{class:`card`,children:[q(`h1`,{children:`Page not found`}),q(`p`,{children:[`There is nothing at `,t,`. `,q(`a`,{href:`/`,children:`Go to Generate`}),`.`]})]})}function Mi(e){return L(()=>{sn();let t=hn(cn),n=e.multiuser?xn():()=>{};return()=>{t(),n(),cn()}},[]),q(T,{children:e.children})}function Ni(){let e=H(K);switch(L(()=>{vn()},[]),e.kind){case`loading`:return q(`main`,{class:`auth-page`,children:q(Z,{label:`Loading…`})});case`unreachable`:return q(`main`,{class:`auth-page`,children:q(`div`,{class:`card auth-card`,children:[q(`h1`,{children:`Cannot start`}),q(`p`,{class:`message error`,role:`alert`,children:e.message}),q(`button`,{type:`button`,class:`primary`,onClick:()=>void vn(),children:`Try again`})]})});case`setup`:return q(Ei,{policy:e.policy});case`signin`:return q(Ai,{notice:e.notice});case`app`:return q(Mi,{multiuser:e.multiuser,children:q(ki,{viewer:e.viewer,multiuser:e.multiuser,children:q(ji,{multiuser:e.multiuser,viewer:e.viewer})})},e.viewer.id)}}var Pi=document.getElementById(`app`);Pi&&me(q(Ni,{}),Pi);